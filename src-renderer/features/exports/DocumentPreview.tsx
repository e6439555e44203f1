import './exports.scss';

/**
 * A document PlanWell prints (a plan as a PDF), shown exactly as it will be printed, in a frame
 * of its own so that its styles and the app's never meet.
 *
 * Why the styles are applied from here: a srcdoc (or blob:) document inherits the app's
 * Content-Security-Policy, whose `style-src 'self'` and `font-src 'self'` block the document's
 * inline <style> and its embedded data: fonts. CSP does not govern stylesheets built through the
 * CSSOM or fonts given to FontFace as bytes, so the frame is given its own stylesheet and fonts
 * that way. The frame stays sandboxed with no scripts, forms or navigation of the app; it is
 * same-origin only so that this page can reach into its document.
 */
export function DocumentPreview({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      className="app-document-preview"
      sandbox="allow-same-origin"
      srcDoc={html}
      title={title}
      onLoad={(event) => applyDocumentStyles(event.currentTarget)}
    />
  );
}

/** Shown on screen only: the page margins the PDF has (its @page rule), so lines wrap as printed. */
const screenPage = '@media screen { body { padding: 22mm 18mm 22mm 28mm; } }';

function applyDocumentStyles(frame: HTMLIFrameElement): void {
  const frameDocument = frame.contentDocument;
  // The frame's own constructors: a stylesheet or font from this page's realm is refused there.
  const frameWindow = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!frameDocument || !frameWindow) return;
  const sheet = new frameWindow.CSSStyleSheet();
  sheet.replaceSync(Array.from(frameDocument.querySelectorAll('style'), (style) => style.textContent).join('\n'));
  // Backwards, so deleting a rule leaves the indexes still to visit unchanged.
  for (let index = sheet.cssRules.length - 1; index >= 0; index--) {
    const rule = sheet.cssRules[index];
    if (!(rule instanceof frameWindow.CSSFontFaceRule)) continue;
    const font = embeddedFont(rule, frameWindow);
    if (font) frameDocument.fonts.add(font);
    // Left in, the rule would ask for its data: URL, which the policy refuses.
    sheet.deleteRule(index);
  }
  sheet.insertRule(screenPage, sheet.cssRules.length);
  frameDocument.adoptedStyleSheets = [sheet];
}

/** The font an @font-face rule embeds as a base64 data: URL, as a FontFace from its bytes. */
function embeddedFont(rule: CSSFontFaceRule, frameWindow: Window & typeof globalThis): FontFace | null {
  const base64 = /url\("?data:[^;,"]*;base64,([^")]+)"?\)/.exec(rule.style.getPropertyValue('src'))?.[1];
  if (!base64) return null;
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const family = rule.style.getPropertyValue('font-family').replace(/^["']|["']$/g, '');
  return new frameWindow.FontFace(family, bytes, {
    weight: rule.style.getPropertyValue('font-weight') || 'normal',
    style: rule.style.getPropertyValue('font-style') || 'normal',
  });
}
