/**
 * Mermaid text from the server (untrusted: reviewers edit document texts) drawn as SVG in the browser, and
 * the SVG turned into PNG. Mermaid is loaded on first use only, so the console's main bundle does not carry it.
 */

let rendered = 0;

/** The Mermaid blocks (```mermaid … ```) of a Markdown text, in order. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid[ \t]*\r?\n([\s\S]*?)^```[ \t]*$/gm)].map((m) => m[1]);
}

/** Lays `text` out as SVG with Mermaid at its strict security level (no scripts, no HTML labels, no clicks). */
export async function renderMermaid(text: string): Promise<string> {
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: false, flowchart: { htmlLabels: false }, theme: 'neutral' });
  const { svg } = await mermaid.render(`stoker-diagram-${++rendered}`, text);
  return sized(svg);
}

/** The SVG with its view box as width and height, so it has a size as an image and on a canvas. */
function sized(svg: string): string {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  const box = (root.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (box.length === 4 && box.every(Number.isFinite) && box[2] > 0 && box[3] > 0) {
    root.setAttribute('width', String(Math.ceil(box[2])));
    root.setAttribute('height', String(Math.ceil(box[3])));
    root.style.removeProperty('max-width');
  }
  return new XMLSerializer().serializeToString(root);
}

/** The SVG as a data URL for an <img> (an image never runs scripts, whatever the SVG holds). */
export const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** The SVG drawn on a white canvas at `scale` and encoded as PNG. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const img = new Image();
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the browser could not draw the SVG'));
    img.src = svgDataUrl(svg);
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser has no canvas to draw the PNG on');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}
