// Benchmark-only (examples/browser_bench.rs, scripts/bench): the same cells as our workbook,
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
    cellCount: function (key) {
      return this.models[key].reduce(function (n, s) { return n + s.cells.length; }, 0);
    },
  };
})();
