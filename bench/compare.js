// Benchmark-only (examples/browser_bench.rs, scripts/bench): the same cells as our workbook,
// and (further down) the same Word document as ours, written by docx.js (npm `docx`) with the
// same styles: the document is read back from our .docx with fflate (docx.js's own zip
// library) and the browser's DOMParser, then built and packed by docx.js, timed.
//
// written by SheetJS (npm `xlsx`, community edition: no styles) and by ExcelJS (fonts, wraps
// and borders as ours). Loaded into the app's page from a second local server, never part of
// dist/.
//
// The cells are taken from our own workbook, read back with SheetJS: every sheet's values,
// formulas (with their results), merged ranges, column widths and row heights.
(function () {
  'use strict';

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error('cannot load ' + src)); };
      document.head.appendChild(script);
    });
  }

  // The cells of an .xlsx file (bytes) as a plain model.
  function model(bytes) {
    var book = XLSX.read(bytes, { type: 'array', cellFormula: true, cellStyles: true });
    return book.SheetNames.map(function (name) {
      var sheet = book.Sheets[name];
      var range = XLSX.utils.decode_range(sheet['!ref']);
      var cells = [];
      for (var r = range.s.r; r <= range.e.r; r++) {
        for (var c = range.s.c; c <= range.e.c; c++) {
          var cell = sheet[XLSX.utils.encode_cell({ r: r, c: c })];
          if (!cell) continue;
          cells.push({ r: r, c: c, t: cell.t, v: cell.v, f: cell.f });
        }
      }
      return {
        name: name,
        ref: sheet['!ref'],
        cells: cells,
        merges: (sheet['!merges'] || []).slice(),
        cols: (sheet['!cols'] || []).map(function (col) { return col ? col.wch || col.width || 10 : 10; }),
        rows: (sheet['!rows'] || []).map(function (row) { return row ? row.hpt || 0 : 0; }),
      };
    });
  }

  // SheetJS: build the sheets from the model and write the package.
  function sheetjs(sheets, compression) {
    var book = XLSX.utils.book_new();
    sheets.forEach(function (s) {
      var sheet = { '!ref': s.ref };
      s.cells.forEach(function (cell) {
        var out = { t: cell.t, v: cell.v };
        if (cell.f) out.f = cell.f;
        sheet[XLSX.utils.encode_cell({ r: cell.r, c: cell.c })] = out;
      });
      sheet['!merges'] = s.merges;
      sheet['!cols'] = s.cols.map(function (w) { return { wch: w }; });
      sheet['!rows'] = s.rows.map(function (h) { return h ? { hpt: h } : null; });
      XLSX.utils.book_append_sheet(book, sheet, s.name);
    });
    return XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: compression });
  }

  var THIN = { style: 'thin' };
  var BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  var FONT = { name: 'Times New Roman', size: 12 };
  var ALIGN = { wrapText: true, vertical: 'middle' };

  // ExcelJS: the same cells with Times New Roman 12, wrapped, thin borders; the package.
  function exceljs(sheets) {
    var book = new ExcelJS.Workbook();
    sheets.forEach(function (s) {
      var sheet = book.addWorksheet(s.name);
      sheet.columns = s.cols.map(function (w) { return { width: w }; });
      s.rows.forEach(function (h, r) { if (h) sheet.getRow(r + 1).height = h; });
      s.cells.forEach(function (cell) {
        var target = sheet.getCell(cell.r + 1, cell.c + 1);
        target.value = cell.f ? { formula: cell.f, result: cell.v } : cell.v;
        target.font = FONT;
        target.alignment = ALIGN;
        target.border = BORDER;
      });
      s.merges.forEach(function (m) { sheet.mergeCells(m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1); });
    });
    return book.xlsx.writeBuffer();
  }

  // --- Word: docx.js (npm `docx`) on the same document as ours ---------------------------

  var W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

  function child(el, name) {
    if (!el) return null;
    for (var n = el.firstElementChild; n; n = n.nextElementSibling) {
      if (n.localName === name) return n;
    }
    return null;
  }

  function val(el, attr) {
    return el ? el.getAttributeNS(W, attr || 'val') : null;
  }

  function num(el, attr) {
    var v = val(el, attr);
    return v === null || v === '' ? undefined : Number(v);
  }

  // A paragraph of ours as a plain model (style, alignment, spacing, indents, the rule, runs).
  function paragraphModel(p) {
    var pPr = child(p, 'pPr');
    var spacing = child(pPr, 'spacing');
    var ind = child(pPr, 'ind');
    var runs = [];
    for (var r = p.firstElementChild; r; r = r.nextElementSibling) {
      if (r.localName !== 'r') continue;
      var rPr = child(r, 'rPr');
      var run = { parts: [], bold: !!child(rPr, 'b'), italics: !!child(rPr, 'i'), size: num(child(rPr, 'sz')) };
      var text = '';
      for (var t = r.firstElementChild; t; t = t.nextElementSibling) {
        if (t.localName === 't') text += t.textContent;
        else if (t.localName === 'br') { run.parts.push(text); text = ''; }
      }
      run.parts.push(text);
      runs.push(run);
    }
    return {
      style: val(child(pPr, 'pStyle')),
      align: val(child(pPr, 'jc')),
      before: num(spacing, 'before'),
      after: num(spacing, 'after'),
      left: num(ind, 'left'),
      right: num(ind, 'right'),
      keepNext: !!child(pPr, 'keepNext'),
      rule: !!child(pPr, 'pBdr'),
      runs: runs,
      section: child(pPr, 'sectPr'),
    };
  }

  function tableModel(tbl) {
    var grid = [];
    var rows = [];
    for (var n = tbl.firstElementChild; n; n = n.nextElementSibling) {
      if (n.localName === 'tblGrid') {
        for (var g = n.firstElementChild; g; g = g.nextElementSibling) grid.push(num(g, 'w'));
      } else if (n.localName === 'tr') {
        var trPr = child(n, 'trPr');
        var row = { header: !!child(trPr, 'tblHeader'), cantSplit: !!child(trPr, 'cantSplit'), cells: [] };
        for (var c = n.firstElementChild; c; c = c.nextElementSibling) {
          if (c.localName !== 'tc') continue;
          var tcPr = child(c, 'tcPr');
          var cell = { width: num(child(tcPr, 'tcW'), 'w'), span: num(child(tcPr, 'gridSpan')) || 1, paragraphs: [] };
          for (var p = c.firstElementChild; p; p = p.nextElementSibling) {
            if (p.localName === 'p') cell.paragraphs.push(paragraphModel(p));
          }
          row.cells.push(cell);
        }
        rows.push(row);
      }
    }
    return { grid: grid, rows: rows };
  }

  function sectionModel(sectPr) {
    var size = child(sectPr, 'pgSz');
    var margin = child(sectPr, 'pgMar');
    var w = num(size, 'w'), h = num(size, 'h');
    return {
      landscape: val(size, 'orient') === 'landscape',
      short: Math.min(w, h),
      long: Math.max(w, h),
      margin: {
        top: num(margin, 'top'), right: num(margin, 'right'), bottom: num(margin, 'bottom'),
        left: num(margin, 'left'), header: num(margin, 'header'), footer: num(margin, 'footer'),
      },
      restart: !!child(sectPr, 'pgNumType'),
      titlePage: !!child(sectPr, 'titlePg'),
    };
  }

  // Our .docx (bytes) as sections of paragraphs and tables, read back with fflate and DOMParser.
  function docxModel(bytes) {
    var files = fflate.unzipSync(bytes);
    var xml = new DOMParser().parseFromString(fflate.strFromU8(files['word/document.xml']), 'application/xml');
    var body = xml.getElementsByTagNameNS(W, 'body')[0];
    var sections = [];
    var blocks = [];
    for (var n = body.firstElementChild; n; n = n.nextElementSibling) {
      if (n.localName === 'p') {
        var p = paragraphModel(n);
        blocks.push({ paragraph: p });
        if (p.section) {
          sections.push({ page: sectionModel(p.section), blocks: blocks });
          blocks = [];
        }
      } else if (n.localName === 'tbl') {
        blocks.push({ table: tableModel(n) });
      } else if (n.localName === 'sectPr') {
        sections.push({ page: sectionModel(n), blocks: blocks });
        blocks = [];
      }
    }
    return sections;
  }

  var ALIGNMENT = { center: 'CENTER', right: 'RIGHT', both: 'JUSTIFIED', left: 'LEFT' };

  function docxParagraph(p) {
    var children = [];
    p.runs.forEach(function (run) {
      run.parts.forEach(function (text, i) {
        children.push(new docx.TextRun({
          text: text, bold: run.bold || undefined, italics: run.italics || undefined,
          size: run.size, break: i > 0 ? 1 : undefined,
        }));
      });
    });
    var options = { children: children };
    if (p.style) options.style = p.style;
    if (p.align) options.alignment = docx.AlignmentType[ALIGNMENT[p.align]];
    if (p.before !== undefined || p.after !== undefined) options.spacing = { before: p.before, after: p.after };
    if (p.left !== undefined || p.right !== undefined) options.indent = { left: p.left, right: p.right };
    if (p.keepNext) options.keepNext = true;
    if (p.rule) options.border = { bottom: { style: docx.BorderStyle.SINGLE, size: 6, space: 1, color: '000000' } };
    return new docx.Paragraph(options);
  }

  var LINE = { style: 'single', size: 4, color: '000000' };

  function docxTable(t) {
    var width = t.grid.reduce(function (a, b) { return a + b; }, 0);
    return new docx.Table({
      columnWidths: t.grid,
      width: { size: width, type: docx.WidthType.DXA },
      layout: docx.TableLayoutType.FIXED,
      alignment: docx.AlignmentType.CENTER,
      margins: { left: 57, right: 57 },
      borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
      rows: t.rows.map(function (row) {
        return new docx.TableRow({
          tableHeader: row.header || undefined,
          cantSplit: row.cantSplit || undefined,
          children: row.cells.map(function (cell) {
            return new docx.TableCell({
              width: { size: cell.width, type: docx.WidthType.DXA },
              columnSpan: cell.span > 1 ? cell.span : undefined,
              verticalAlign: docx.VerticalAlign.CENTER,
              children: cell.paragraphs.length ? cell.paragraphs.map(docxParagraph)
                : [new docx.Paragraph({ style: 'Bang' })],
            });
          }),
        });
      }),
    });
  }

  // docx.js: the same sections, paragraphs and tables, Times New Roman 14 (tables 12), page
  // number centred in the header from page 2 of each section; the package as bytes.
  function docxjs(sections) {
    var font = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'Times New Roman', cs: 'Times New Roman' };
    var doc = new docx.Document({
      styles: {
        default: { document: { run: { font: font, size: 28 }, paragraph: { spacing: { after: 0 } } } },
        paragraphStyles: [{ id: 'Bang', name: 'Bảng', basedOn: 'Normal', run: { font: font, size: 24 } }],
      },
      sections: sections.map(function (s) {
        return {
          properties: {
            titlePage: s.page.titlePage,
            page: {
              size: {
                width: s.page.short, height: s.page.long,
                orientation: s.page.landscape ? docx.PageOrientation.LANDSCAPE : docx.PageOrientation.PORTRAIT,
              },
              margin: s.page.margin,
              pageNumbers: s.page.restart ? { start: 1 } : undefined,
            },
          },
          headers: {
            default: new docx.Header({ children: [new docx.Paragraph({
              alignment: docx.AlignmentType.CENTER,
              children: [new docx.TextRun({ children: [docx.PageNumber.CURRENT], size: 26 })],
            })] }),
            first: new docx.Header({ children: [new docx.Paragraph({})] }),
          },
          children: s.blocks.map(function (b) { return b.table ? docxTable(b.table) : docxParagraph(b.paragraph); }),
        };
      }),
    });
    return docx.Packer.toArrayBuffer ? docx.Packer.toArrayBuffer(doc) : docx.Packer.toBlob(doc);
  }

  window.cchcBench = {
    models: {},
    // Loads both libraries from `base` (the second server).
    loadLibraries: function (base) {
      return Promise.all([
        load(base + '/node_modules/xlsx/dist/xlsx.full.min.js'),
        load(base + '/node_modules/exceljs/dist/exceljs.min.js'),
      ]);
    },
    // Our workbook for a plan file: { ms, bytes }; the cells are kept for the other writers.
    // Through the documents worker: a promise (benchExport answers asynchronously).
    ours: function (key, planFile) {
      var models = this.models;
      return Promise.resolve(window.cchcApp.benchExport(planFile)).then(function (result) {
        if (typeof result === 'string') throw new Error(result);
        if (!models[key]) models[key] = model(result.bytes);
        return { ms: result.ms, size: result.bytes.length };
      });
    },
    // Times one writer on the cells of `key`: { ms, size }.
    other: function (key, writer) {
      var sheets = this.models[key];
      var t0 = performance.now();
      if (writer === 'exceljs') {
        return exceljs(sheets).then(function (buffer) {
          return { ms: performance.now() - t0, size: buffer.byteLength };
        });
      }
      var bytes = sheetjs(sheets, writer === 'sheetjs-deflate');
      return Promise.resolve({ ms: performance.now() - t0, size: bytes.byteLength || bytes.length });
    },
    // docx.js and fflate, for the Word comparison.
    loadWordLibraries: function (base) {
      return Promise.all([
        load(base + '/node_modules/docx/dist/index.iife.js'),
        load(base + '/node_modules/fflate/umd/index.js'),
      ]);
    },
    wordModels: {},
    // Our Word appendices for a plan file: { ms, size }; the document is kept for docx.js.
    oursWord: function (key, planFile) {
      var models = this.wordModels;
      return Promise.resolve(window.cchcApp.benchExportDocx(planFile)).then(function (result) {
        if (typeof result === 'string') throw new Error(result);
        if (!models[key]) models[key] = docxModel(result.bytes);
        return { ms: result.ms, size: result.bytes.length };
      });
    },
    // docx.js on the document of `key`: { ms, size }.
    docxjs: function (key) {
      var sections = this.wordModels[key];
      var t0 = performance.now();
      return Promise.resolve(docxjs(sections)).then(function (out) {
        return { ms: performance.now() - t0, size: out.byteLength || out.size };
      });
    },
    // The number of table rows of a document (for the report).
    rowCount: function (key) {
      return this.wordModels[key].reduce(function (n, s) {
        return n + s.blocks.reduce(function (m, b) { return m + (b.table ? b.table.rows.length : 0); }, 0);
      }, 0);
    },
    cellCount: function (key) {
      return this.models[key].reduce(function (n, s) { return n + s.cells.length; }, 0);
    },
  };
})();
