/**
 * A project manual's dependency diagram as Stoker draws it on the server from the document's facts (the same
 * drawing as in its HTML, PDF and Markdown exports), shown as an image, with SVG and PNG downloads. Nothing is laid
 * out in the page, so the console's style policy holds and untrusted labels never become markup here.
 */
import { useState } from 'react';
import { asApiError, useApi } from '../auth/AuthContext';
import type { Download } from '../api/client';
import { saveBlob } from './ProjectBits';
import { FormError } from './States';
import { useResource } from '../lib/useResource';

type Drawing = { svg: Download; url: string } | null;

export function DependencyDiagram({ docId, title = 'Dependency diagram' }: { docId: string; title?: string }) {
  const api = useApi();
  const [saveError, setSaveError] = useState<string>();
  const drawing = useResource<Drawing>(async () => {
    try {
      const svg = await api.exportDocument(docId, 'svg');
      return { svg, url: await dataUrl(svg.blob, 'image/svg+xml') };
    } catch (e) {
      if (asApiError(e).status === 404) return null; // the document has no diagram to draw
      throw e;
    }
  }, [docId]);
  const onPng = async () => {
    setSaveError(undefined);
    try {
      const png = await api.exportDocument(docId, 'png');
      saveBlob(png.blob, png.fileName ?? `${docId}-diagram.png`);
    } catch (e) {
      setSaveError(asApiError(e).detail);
    }
  };
  if (drawing.data === null) return null;
  const d = drawing.data;
  return (
    <section className="panel" aria-labelledby="diagram-title">
      <div className="card-header">
        <h2 id="diagram-title">{title}</h2>
        {d && (
          <span className="toolbar">
            <button type="button" className="btn btn-small" onClick={() => saveBlob(d.svg.blob, d.svg.fileName ?? `${docId}-diagram.svg`)}>
              Download SVG
            </button>
            <button type="button" className="btn btn-small" onClick={onPng}>
              Download PNG
            </button>
          </span>
        )}
      </div>
      <FormError message={saveError} />
      {drawing.error ? (
        <div className="state state-error" role="alert">
          <p className="state-title">The diagram could not be loaded</p>
          <p>{drawing.error.detail}</p>
        </div>
      ) : d ? (
        <div className="diagram" tabIndex={0} aria-label={`${title} (scrolls)`}>
          <img src={d.url} alt={`${title}: the resources of the manual and how they refer to each other; its Mermaid text is in the document`} />
        </div>
      ) : (
        <p className="muted" role="status">
          Drawing the diagram…
        </p>
      )}
    </section>
  );
}

/** A data: URL of the file (the console's policy allows images from data: and from itself only). */
async function dataUrl(blob: Blob, type: string): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${type};base64,${btoa(binary)}`;
}
