/**
 * The report as a PDF: each A4 page of the report is rasterised (html2canvas-pro) and put on
 * its own page (jsPDF). Rasterising keeps the Chinese text exactly as the browser draws it,
 * without embedding a CJK font in the PDF. Both libraries are loaded only when asked for.
 */
export async function renderReportPdf(pages: HTMLElement[]): Promise<Blob> {
  const [{ default: html2canvas }, { jsPDF }] = await Promise.all([import('html2canvas-pro'), import('jspdf')]);
  const pdf = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true });
  const pageWidth = 210;
  const pageHeight = 297;
  for (const [index, page] of pages.entries()) {
    const canvas = await html2canvas(page, { scale: 2, backgroundColor: '#ffffff', useCORS: true, logging: false });
    if (index > 0) pdf.addPage('a4', 'portrait');
    // The page element is A4-shaped; a taller one is fitted to the page's height.
    const height = Math.min(pageHeight, (canvas.height / canvas.width) * pageWidth);
    const width = height < pageHeight ? pageWidth : (canvas.width / canvas.height) * pageHeight;
    pdf.addImage(canvas.toDataURL('image/jpeg', 0.92), 'JPEG', 0, 0, width, height);
  }
  return pdf.output('blob');
}

/** Saves a blob under a file name through a temporary link, as a browser download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
