import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';
import { mermaidBlocks } from '../lib/diagram';
import { DependencyDiagram } from './DependencyDiagram';

// jsdom cannot lay a diagram out: Mermaid is replaced by a stand-in that records what it was given
const mermaid = vi.hoisted(() => ({ initialize: vi.fn(), render: vi.fn() }));
vi.mock('mermaid', () => ({ default: mermaid }));

const TEXT = 'flowchart LR\n  n1["views/Main"] --> n2["views/Popup"]\n';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120.5 40" style="max-width: 120.5px;" width="100%"><text>views/Main</text></svg>';

describe('dependency diagram', () => {
  const saved: { name: string; blob: Blob }[] = [];
  beforeEach(() => {
    saved.length = 0;
    mermaid.initialize.mockReset();
    mermaid.render.mockReset();
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((b: Blob) => `blob:${blobs.push(b)}`),
      revokeObjectURL: vi.fn(),
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: blobs[Number(this.href.slice('blob:'.length)) - 1] });
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('hands the untrusted text to Mermaid at the strict security level and shows the SVG as an image', async () => {
    mermaid.render.mockResolvedValue({ svg: SVG });
    render(<DependencyDiagram text={TEXT} fileName="doc-1-diagram" />);
    const img = await screen.findByRole('img', { name: /Dependency diagram/ });
    expect(mermaid.initialize).toHaveBeenCalledWith(expect.objectContaining({ securityLevel: 'strict', startOnLoad: false, htmlLabels: false }));
    expect(mermaid.render).toHaveBeenCalledWith(expect.stringMatching(/^stoker-diagram-\d+$/), TEXT);
    const shown = decodeURIComponent(img.getAttribute('src')!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(shown).toContain('width="121"');
    expect(shown).toContain('height="40"');
    expect(shown).toContain('<text>views/Main</text>');
  });

  it('downloads the SVG it drew', async () => {
    mermaid.render.mockResolvedValue({ svg: SVG });
    const user = userEvent.setup();
    render(<DependencyDiagram text={TEXT} fileName="doc-1-diagram" />);
    await user.click(await screen.findByRole('button', { name: 'Download SVG' }));
    expect(saved.map((s) => s.name)).toEqual(['doc-1-diagram.svg']);
    expect(saved[0].blob.type).toBe('image/svg+xml');
    expect(await saved[0].blob.text()).toContain('viewBox="0 0 120.5 40"');
  });

  it('draws the PNG from the SVG on a canvas', async () => {
    mermaid.render.mockResolvedValue({ svg: SVG });
    const drawn: unknown[][] = [];
    const ctx = { fillStyle: '', fillRect: vi.fn(), drawImage: vi.fn((...a: unknown[]) => drawn.push(a)) };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(ctx as unknown as CanvasRenderingContext2D);
    vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation(function (this: HTMLCanvasElement, cb: BlobCallback) {
      cb(new Blob([`png ${this.width}x${this.height}`], { type: 'image/png' }));
    });
    // jsdom loads no images: this one "loads" as soon as it gets its source, at the SVG's size
    vi.spyOn(HTMLImageElement.prototype, 'src', 'set').mockImplementation(function (this: HTMLImageElement) {
      Object.defineProperty(this, 'naturalWidth', { value: 121 });
      Object.defineProperty(this, 'naturalHeight', { value: 40 });
      queueMicrotask(() => this.onload?.(new Event('load')));
    });
    const user = userEvent.setup();
    render(<DependencyDiagram text={TEXT} fileName="doc-1-diagram" />);
    await user.click(await screen.findByRole('button', { name: 'Download PNG' }));
    await waitFor(() => expect(saved.map((s) => s.name)).toEqual(['doc-1-diagram.png']));
    expect(await saved[0].blob.text()).toBe('png 242x80');
    expect(drawn[0].slice(1)).toEqual([0, 0, 242, 80]);
  });

  it('shows a readable message and the raw text when the text is not valid Mermaid', async () => {
    mermaid.render.mockRejectedValue(new Error('Parse error on line 2:\n...n1 --> \n-------^\nExpecting NODE_STRING, got EOF\nmore detail'));
    const bad = 'flowchart LR\n  n1 --> <script>alert(1)</script>\n';
    render(<DependencyDiagram text={bad} fileName="doc-1-diagram" />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The diagram could not be drawn');
    expect(alert).toHaveTextContent('Parse error on line 2');
    expect(alert).not.toHaveTextContent('more detail');
    expect(screen.getByLabelText('Mermaid text')).toHaveTextContent('<script>alert(1)</script>');
    expect(document.querySelector('script')).toBeNull();
    expect(screen.queryByRole('button', { name: /Download/ })).not.toBeInTheDocument();
    expect(within(document.body).queryByRole('img')).not.toBeInTheDocument();
  });

  it('finds the Mermaid blocks of a manual', () => {
    expect(mermaidBlocks(`# Manual\n\n\`\`\`mermaid\n${TEXT}\`\`\`\n\ntext\n\`\`\`\nnot a diagram\n\`\`\`\n`)).toEqual([TEXT]);
    expect(mermaidBlocks('no diagram')).toEqual([]);
  });

  it('draws the diagram of a manual on its document page, for viewers too', async () => {
    mermaid.render.mockResolvedValue({ svg: SVG });
    const stoker = fakeStoker();
    stoker.projects.addProject('line3');
    stoker.projects.commit('line3', 'main', 'first import', { 'v/w/Main/resource.json': '{}', 'v/w/Main/view.json': '{}' });
    const d = stoker.documents.write('line3', 'project-manual');
    stoker.documents.documents.get(d.id)!.content += `\n## Dependencies\n\n\`\`\`mermaid\n${TEXT}\`\`\`\n`;
    renderApp(`/documents/${d.id}`, { as: 'viewer', stoker });
    const panel = await screen.findByRole('region', { name: 'Dependency diagram' });
    await within(panel).findByRole('img', { name: /Dependency diagram/ });
    expect(mermaid.render).toHaveBeenCalledWith(expect.any(String), TEXT);
    expect(within(panel).getByRole('button', { name: 'Download PNG' })).toBeEnabled();
  });
});
