import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStoker } from '../../test/fakeStoker';
import { renderApp } from '../../test/render';

const MERMAID = 'flowchart LR\n  n1["views/Main"] --> n2["views/<Popup>"]\n';

/** A project manual whose text carries a Mermaid block (the fake draws the names in it, as the server draws its facts). */
function manual(withDiagram = true) {
  const stoker = fakeStoker();
  stoker.projects.addProject('line3');
  stoker.projects.commit('line3', 'main', 'first import', { 'v/w/Main/resource.json': '{}', 'v/w/Main/view.json': '{}' });
  const d = stoker.documents.write('line3', 'project-manual');
  if (withDiagram) stoker.documents.documents.get(d.id)!.content += `\n## Dependencies\n\n\`\`\`mermaid\n${MERMAID}\`\`\`\n`;
  else stoker.documents.documents.get(d.id)!.content = stoker.documents.documents.get(d.id)!.content.replace(/```mermaid[\s\S]*?```/g, '');
  return { stoker, id: d.id };
}

describe('dependency diagram', () => {
  const saved: { name: string; blob: Blob }[] = [];
  beforeEach(() => {
    saved.length = 0;
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

  it("shows the server's drawing of a manual as an image, for viewers too, and lays nothing out in the page", async () => {
    const { stoker, id } = manual();
    renderApp(`/documents/${id}`, { as: 'viewer', stoker });
    const panel = await screen.findByRole('region', { name: 'Dependency diagram' });
    const img = await within(panel).findByRole('img', { name: /Dependency diagram/ });
    const src = img.getAttribute('src')!;
    expect(src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = atob(src.slice('data:image/svg+xml;base64,'.length));
    expect(svg).toContain('views/Main');
    expect(svg).toContain('views/&#60;Popup&#62;');
    expect(panel.querySelector('svg')).toBeNull(); // an image, not markup in the console's page
    expect(stoker.calls.some((c) => c.path === `/api/v1/documents/${id}/export` && c.query.get('format') === 'svg')).toBe(true);
  });

  it('downloads the SVG it shows and the PNG the server draws', async () => {
    const { stoker, id } = manual();
    const user = userEvent.setup();
    renderApp(`/documents/${id}`, { as: 'viewer', stoker });
    const panel = await screen.findByRole('region', { name: 'Dependency diagram' });
    await user.click(await within(panel).findByRole('button', { name: 'Download SVG' }));
    await user.click(within(panel).getByRole('button', { name: 'Download PNG' }));
    await waitFor(() => expect(saved.map((s) => s.name)).toEqual([`${id}-diagram.svg`, `${id}-diagram.png`]));
    expect(await saved[0].blob.text()).toContain('views/Main');
    expect(await saved[1].blob.text()).toBe('fake png of 2 resources');
  });

  it('shows no diagram panel for a manual without dependencies', async () => {
    const { stoker, id } = manual(false);
    renderApp(`/documents/${id}`, { as: 'viewer', stoker });
    await screen.findByRole('heading', { level: 2, name: 'Text' });
    await waitFor(() => expect(stoker.calls.some((c) => c.query?.get('format') === 'svg')).toBe(true));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Dependency diagram' })).not.toBeInTheDocument());
  });
});
