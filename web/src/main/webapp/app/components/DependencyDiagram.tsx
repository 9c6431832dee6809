/** The dependency diagram of a project manual: its Mermaid text drawn in the browser, with SVG and PNG downloads. */
import { useEffect, useState } from 'react';
import { renderMermaid, svgDataUrl, svgToPng } from '../lib/diagram';
import { saveBlob } from './ProjectBits';
import { FormError } from './States';

type Drawn = { text: string; svg?: string; error?: string };

/** `text` comes from the server and is untrusted: Mermaid draws it at its strict level and the page shows it as an image. */
export function DependencyDiagram({ text, fileName, title = 'Dependency diagram' }: { text: string; fileName: string; title?: string }) {
  const [drawn, setDrawn] = useState<Drawn>({ text });
  const [saveError, setSaveError] = useState<string>();
  useEffect(() => {
    let live = true;
    setDrawn({ text });
    renderMermaid(text).then(
      (svg) => live && setDrawn({ text, svg }),
      (e: unknown) => live && setDrawn({ text, error: readable(e) }),
    );
    return () => {
      live = false;
    };
  }, [text]);
  const svg = drawn.text === text ? drawn.svg : undefined;
  const error = drawn.text === text ? drawn.error : undefined;
  const onPng = async () => {
    setSaveError(undefined);
    try {
      saveBlob(await svgToPng(svg!), `${fileName}.png`);
    } catch (e) {
      setSaveError(readable(e));
    }
  };

  return (
    <section className="panel" aria-labelledby="diagram-title">
      <div className="card-header">
        <h2 id="diagram-title">{title}</h2>
        {svg && (
          <span className="toolbar">
            <button type="button" className="btn btn-small" onClick={() => saveBlob(new Blob([svg], { type: 'image/svg+xml' }), `${fileName}.svg`)}>
              Download SVG
            </button>
            <button type="button" className="btn btn-small" onClick={onPng}>
              Download PNG
            </button>
          </span>
        )}
      </div>
      <FormError message={saveError} />
      {error ? (
        <>
          <div className="state state-error" role="alert">
            <p className="state-title">The diagram could not be drawn</p>
            <p>{error}</p>
            <p className="muted">Its Mermaid text follows as written.</p>
          </div>
          <pre className="logs wrap" aria-label="Mermaid text" tabIndex={0}>
            {text}
          </pre>
        </>
      ) : svg ? (
        <div className="diagram" tabIndex={0} aria-label={`${title} (scrolls)`}>
          <img src={svgDataUrl(svg)} alt={`${title}: ${text.split('\n').length - 1} lines of Mermaid, also in the text`} />
        </div>
      ) : (
        <p className="muted" role="status">
          Drawing the diagram…
        </p>
      )}
    </section>
  );
}

/** Mermaid's parse errors carry a multi-line message; the first lines say where. */
function readable(e: unknown): string {
  const m = e instanceof Error ? e.message : typeof e === 'string' ? e : (e as { message?: string } | null)?.message;
  return (m ?? 'unknown error').split('\n').slice(0, 4).join('\n').trim() || 'unknown error';
}
