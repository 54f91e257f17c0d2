//! Reading a spreadsheet file as a stream of rows of [`Cell`]s: the first step of an import.
//!
//! This module owns format dispatch (by extension), text-encoding detection for CSV, and the
//! Excel row numbers every later message refers to. It knows nothing of headers or columns.
//!
//! - CSV/TSV/TXT are parsed on raw bytes with `csv` and decoded field by field (UTF-8 or
//!   GB18030/GBK), streaming: only a 64 KiB sample and the current record are in memory.
//! - XLSX/XLSM/XLSB stream cells with calamine's cell readers; XLS and ODS are read whole
//!   (calamine has no streaming reader for them) and then handed out row by row.
//!
//! Every row carries the number Excel or WPS would show for it. Rows whose cells are all empty
//! are not delivered, and trailing empty cells are trimmed, in every format alike.

use std::collections::VecDeque;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::{self, JoinHandle};

use calamine::{open_workbook, Data, DataRef, ExcelDateTime, Ods, Reader, Xls, Xlsb, Xlsx};
use chrono::NaiveDate;
use encoding_rs::Encoding;

use crate::domain::cell::Cell;

/// How to decode a CSV/TSV/TXT file. Ignored for workbooks, which say their own encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingChoice {
    /// UTF-8 if the first 64 KiB are valid UTF-8, else GB18030 (a superset of GBK).
    Auto,
    Utf8,
    Gbk,
}

/// One row of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    /// The row number as Excel would show it, 1-based: blank lines count, and a CSV record
    /// whose quoted field spans several lines is one row.
    pub row: u64,
    /// The cells from column A on, without trailing empty cells; never all empty.
    pub cells: Vec<Cell>,
}

/// Why a file, or one row of it, could not be read. Carries data only: the caller renders
/// messages from its catalogue; `Display` is a developer fallback.
#[derive(Debug)]
pub enum SourceError {
    NotFound {
        path: PathBuf,
    },
    IsDirectory {
        path: PathBuf,
    },
    Empty {
        path: PathBuf,
    },
    UnsupportedExtension {
        path: PathBuf,
        extension: String,
    },
    Io {
        path: PathBuf,
        source: io::Error,
    },
    /// UTF-16 or UTF-32 text ("UTF-16LE", …; "UTF-16" when guessed without a BOM): the user
    /// should save the file as UTF-8 or GBK.
    UnsupportedEncoding {
        encoding: &'static str,
    },
    /// The bytes are not a workbook of any kind (a PDF, an HTML page or text named `.xls`…).
    NotAWorkbook {
        format: &'static str,
    },
    PasswordProtected,
    /// The ZIP archive a workbook of `format` is cannot be opened: damaged or cut short.
    BrokenArchive {
        format: &'static str,
    },
    NoSheets,
    SheetNotFound {
        name: String,
        available: Vec<String>,
    },
    /// calamine could not read the workbook: damaged, truncated, or not really `format`.
    /// `row` is the last row delivered before the damage, if reading had begun.
    Workbook {
        format: &'static str,
        row: Option<u64>,
        detail: String,
    },
    /// Row error: field `column` (1-based) of this row is not valid `encoding`.
    Undecodable {
        row: u64,
        column: usize,
        encoding: &'static str,
    },
    /// The quoted field opened on this row never closes: the rest of the file was swallowed.
    UnterminatedQuote {
        row: u64,
    },
    /// A part of a ZIP workbook inflates past the limit (a "zip bomb", or a damaged file).
    PartTooLarge {
        part: String,
        max_mib: u64,
    },
    /// A record runs past the limit without ending (a runaway field): the rest is not read.
    RecordTooLong {
        row: u64,
        max_mib: u64,
    },
    /// From this row on, a file read as `encoding` (GBK) holds UTF-8 text: the rest is not read.
    EncodingChanged {
        row: u64,
        encoding: &'static str,
    },
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound { path } => write!(f, "not found: {}", path.display()),
            Self::IsDirectory { path } => write!(f, "is a directory: {}", path.display()),
            Self::Empty { path } => write!(f, "empty file: {}", path.display()),
            Self::UnsupportedExtension { extension, .. } => {
                write!(f, "unsupported extension {extension:?}")
            }
            Self::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Self::UnsupportedEncoding { encoding } => write!(f, "unsupported encoding {encoding}"),
            Self::NotAWorkbook { format } => write!(f, "not a {format} workbook"),
            Self::PasswordProtected => write!(f, "workbook is password protected"),
            Self::BrokenArchive { format } => write!(f, "{format}: broken ZIP archive"),
            Self::NoSheets => write!(f, "workbook has no sheets"),
            Self::SheetNotFound { name, available } => {
                write!(f, "no sheet {name:?} (sheets: {available:?})")
            }
            Self::Workbook {
                format,
                row,
                detail,
            } => {
                write!(f, "unreadable {format} (after row {row:?}): {detail}")
            }
            Self::Undecodable {
                row,
                column,
                encoding,
            } => {
                write!(f, "row {row} column {column}: not valid {encoding}")
            }
            Self::UnterminatedQuote { row } => write!(f, "row {row}: unterminated quote"),
            Self::PartTooLarge { part, max_mib } => {
                write!(f, "workbook part {part} inflates past {max_mib} MiB")
            }
            Self::RecordTooLong { row, max_mib } => {
                write!(f, "row {row}: record longer than {max_mib} MiB")
            }
            Self::EncodingChanged { row, encoding } => {
                write!(f, "row {row}: UTF-8 text in a file read as {encoding}")
            }
        }
    }
}

impl std::error::Error for SourceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A file being read row by row. Also an iterator over the same rows.
pub struct Source {
    inner: Inner,
    /// The strings of cells handed back (`recycle`), for the next rows.
    spare_texts: Vec<String>,
}

enum Inner {
    Text(Box<TextRows>),
    Book(BookRows),
}

impl Source {
    /// Opens `path`, choosing the reader by its extension (case-insensitive): `.csv`, `.tsv`,
    /// `.txt`, `.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`. `sheet` picks a workbook's sheet by
    /// name (exact, then ignoring surrounding spaces); the first sheet otherwise. It is ignored
    /// for text files.
    pub fn open(
        path: &Path,
        sheet: Option<&str>,
        encoding: EncodingChoice,
    ) -> Result<Source, SourceError> {
        Self::open_with(path, sheet, encoding, None)
    }

    /// A comma-separated file whose first rows use another delimiter: that delimiter, to read
    /// it again with ([`Source::open_delimited`]) when its header is not found.
    pub fn other_delimiter(&self) -> Option<u8> {
        match &self.inner {
            Inner::Text(rows) => rows.other_delimiter,
            Inner::Book(_) => None,
        }
    }

    /// A `.csv` file read with `delimiter` instead of commas (see [`Source::other_delimiter`]).
    pub fn open_delimited(
        path: &Path,
        encoding: EncodingChoice,
        delimiter: u8,
    ) -> Result<Source, SourceError> {
        Self::open_with(path, None, encoding, Some(delimiter))
    }

    fn open_with(
        path: &Path,
        sheet: Option<&str>,
        encoding: EncodingChoice,
        delimiter: Option<u8>,
    ) -> Result<Source, SourceError> {
        let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
        if meta.is_dir() {
            return Err(SourceError::IsDirectory {
                path: path.to_path_buf(),
            });
        }
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let kind = match extension.as_str() {
            "csv" => Kind::Text(Some(delimiter.unwrap_or(b','))),
            "tsv" => Kind::Text(Some(b'\t')),
            "txt" => Kind::Text(None),
            "xlsx" | "xlsm" => Kind::Book(Book::Xlsx),
            "xlsb" => Kind::Book(Book::Xlsb),
            "xls" => Kind::Book(Book::Xls),
            "ods" => Kind::Book(Book::Ods),
            _ => {
                return Err(SourceError::UnsupportedExtension {
                    path: path.to_path_buf(),
                    extension,
                })
            }
        };
        if meta.len() == 0 {
            return Err(SourceError::Empty {
                path: path.to_path_buf(),
            });
        }
        let inner = match kind {
            Kind::Text(delimiter) => Inner::Text(Box::new(TextRows::open(
                path,
                meta.len(),
                delimiter,
                encoding,
            )?)),
            Kind::Book(book) => {
                let format = sniff(path, book)?;
                check_inflated_parts(path)?;
                Inner::Book(BookRows::open(path, format, sheet)?)
            }
        };
        Ok(Source {
            inner,
            spare_texts: Vec::new(),
        })
    }

    /// The sheets of a workbook, in order, each with whether it is visible (a hidden or "very
    /// hidden" sheet is not); `None` for a text file.
    pub fn sheets(path: &Path) -> Result<Option<Vec<(String, bool)>>, SourceError> {
        let book = match path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .as_deref()
        {
            Some("xlsx" | "xlsm") => Book::Xlsx,
            Some("xlsb") => Book::Xlsb,
            Some("xls") => Book::Xls,
            Some("ods") => Book::Ods,
            _ => return Ok(None),
        };
        let format = sniff(path, book)?;
        check_inflated_parts(path)?;
        let failed = |err| book_error(format, None, err);
        let sheets = match format {
            Book::Xlsx => listed(
                open_workbook::<Xlsx<_>, _>(path)
                    .map_err(|e| failed(calamine::Error::Xlsx(e)))?
                    .sheets_metadata(),
            ),
            Book::Xlsb => listed(
                open_workbook::<Xlsb<_>, _>(path)
                    .map_err(|e| failed(calamine::Error::Xlsb(e)))?
                    .sheets_metadata(),
            ),
            Book::Xls => listed(
                open_workbook::<Xls<_>, _>(path)
                    .map_err(|e| failed(calamine::Error::Xls(e)))?
                    .sheets_metadata(),
            ),
            Book::Ods => listed(
                open_workbook::<Ods<_>, _>(path)
                    .map_err(|e| failed(calamine::Error::Ods(e)))?
                    .sheets_metadata(),
            ),
        };
        Ok(Some(sheets))
    }

    /// The next row, `Err` for a row that could not be read, `None` at the end. Reading may
    /// go on after a row error (an undecodable CSV field); after a file-level one it ends.
    pub fn next_row(&mut self) -> Option<Result<RawRow, SourceError>> {
        match &mut self.inner {
            Inner::Text(rows) => rows.next(&mut self.spare_texts),
            Inner::Book(rows) => rows.next(),
        }
    }

    /// Hands back the cells of a row the caller is done with, so that the next rows of a text
    /// file reuse their strings instead of allocating new ones.
    pub fn recycle(&mut self, mut cells: Vec<Cell>) {
        for cell in cells.drain(..) {
            if let Cell::Text(s) = cell {
                self.keep_text(s);
            }
        }
        if let Inner::Text(rows) = &mut self.inner {
            rows.keep_row(cells);
        }
    }

    fn keep_text(&mut self, s: String) {
        // Enough for the rows an import holds before writing them (a few hundred), bounded so
        // that odd ones — a pasted paragraph — are not kept: at most 8,192 strings of up to
        // 256 bytes (2 MiB).
        const KEPT_TEXTS: usize = 8192;
        const KEPT_TEXT_BYTES: usize = 256;
        if self.spare_texts.len() < KEPT_TEXTS && s.capacity() <= KEPT_TEXT_BYTES {
            self.spare_texts.push(s);
        }
    }

    /// Work done and the total, if known, for a progress bar: bytes for text files; for
    /// workbooks the last row number delivered and the sheet's declared last row.
    pub fn progress(&self) -> (u64, Option<u64>) {
        match &self.inner {
            Inner::Text(rows) => (rows.offset + rows.reader.position().byte(), Some(rows.len)),
            Inner::Book(rows) => (rows.row, rows.total.map(|total| total.max(rows.row))),
        }
    }

    /// The sheet a workbook is read from, when the workbook has more than one.
    pub fn sheet_among_several(&self) -> Option<&str> {
        match &self.inner {
            Inner::Book(rows) if rows.sheet.1 > 1 => Some(&rows.sheet.0),
            _ => None,
        }
    }

    /// The sheet a workbook is read from.
    pub fn sheet_name(&self) -> Option<&str> {
        match &self.inner {
            Inner::Book(rows) => Some(&rows.sheet.0),
            Inner::Text(_) => None,
        }
    }

    /// The vertically merged areas of a workbook's sheet, read on every row they cover: first
    /// row and name (`B5:B7`).
    pub fn merged_areas(&self) -> &[(u64, String)] {
        match &self.inner {
            Inner::Text(_) => &[],
            Inner::Book(rows) => &rows.merged,
        }
    }

    /// The columns of the sheet hidden in Excel (0-based), where the format says (XLSX only).
    pub fn hidden_columns(&self) -> &[usize] {
        match &self.inner {
            Inner::Text(_) => &[],
            Inner::Book(rows) => &rows.hidden,
        }
    }

    /// "UTF-8", "GB18030" or "GBK" for text files; "XLSX", "XLSB", "XLS" or "ODS" otherwise.
    pub fn encoding_name(&self) -> &'static str {
        match &self.inner {
            Inner::Text(rows) => rows.encoding.1,
            Inner::Book(rows) => rows.format.name(),
        }
    }
}

impl Iterator for Source {
    type Item = Result<RawRow, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row()
    }
}

enum Kind {
    /// The delimiter, or `None` to guess it from the sample.
    Text(Option<u8>),
    Book(Book),
}

fn io_error(path: &Path, source: io::Error) -> SourceError {
    match source.kind() {
        io::ErrorKind::NotFound => SourceError::NotFound {
            path: path.to_path_buf(),
        },
        _ => SourceError::Io {
            path: path.to_path_buf(),
            source,
        },
    }
}

/// Drops trailing empty cells; true if any cell is left.
fn trim_row(cells: &mut Vec<Cell>) -> bool {
    while cells.last() == Some(&Cell::Empty) {
        cells.pop();
    }
    !cells.is_empty()
}

// ---------------------------------------------------------------------------------------------
// Text: CSV, TSV, TXT

const SAMPLE_LEN: usize = 64 * 1024;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const WIDE_BOMS: [(&[u8], &str); 4] = [
    // UTF-32LE first: its BOM begins with UTF-16LE's.
    (b"\xFF\xFE\x00\x00", "UTF-32LE"),
    (b"\x00\x00\xFE\xFF", "UTF-32BE"),
    (b"\xFF\xFE", "UTF-16LE"),
    (b"\xFE\xFF", "UTF-16BE"),
];

struct TextRows {
    path: PathBuf,
    reader: csv::Reader<RowTracker<File>>,
    record: csv::ByteRecord,
    encoding: (&'static Encoding, &'static str),
    /// Length of the BOM skipped before `reader` starts.
    offset: u64,
    len: u64,
    finished: bool,
    /// Cell lists of rows handed back, for the next rows.
    spare_rows: Vec<Vec<Cell>>,
    /// The delimiter the first rows use instead of commas, if any (see `open`).
    other_delimiter: Option<u8>,
}

impl TextRows {
    fn open(
        path: &Path,
        len: u64,
        delimiter: Option<u8>,
        choice: EncodingChoice,
    ) -> Result<Self, SourceError> {
        let mut file = File::open(path).map_err(|e| io_error(path, e))?;
        let mut sample = Vec::with_capacity(SAMPLE_LEN);
        (&mut file)
            .take(SAMPLE_LEN as u64)
            .read_to_end(&mut sample)
            .map_err(|e| io_error(path, e))?;
        let (encoding, bom) = detect_encoding(&sample, len > sample.len() as u64, choice)?;
        if len == bom as u64 {
            return Err(SourceError::Empty {
                path: path.to_path_buf(),
            });
        }
        file.seek(SeekFrom::Start(bom as u64))
            .map_err(|e| io_error(path, e))?;
        // GBK/GB18030 trail bytes are >= 0x40 and UTF-8 continuation bytes >= 0x80, so they
        // never look like a delimiter, a quote or a line break: parsing bytes is safe.
        // For `.txt`: tab-delimited if the sample holds more tabs than commas, else comma.
        let delimiter = delimiter.unwrap_or_else(|| most_frequent(&sample[bom..], &[b',', b'\t']));
        // For a comma-separated file whose header is not found: semicolons (Excel's CSV in a
        // European locale) or tabs (a tab-separated text file named .csv), if the sample holds
        // more of either than of commas.
        let other_delimiter = Some(most_frequent(&sample[bom..], &[b',', b';', b'\t']))
            .filter(|d| delimiter == b',' && *d != b',');
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(RowTracker::new(file, delimiter));
        Ok(TextRows {
            other_delimiter,
            path: path.to_path_buf(),
            reader,
            record: csv::ByteRecord::new(),
            encoding,
            offset: bom as u64,
            len,
            finished: false,
            spare_rows: Vec::new(),
        })
    }

    /// Keeps an emptied cell list for a next row.
    fn keep_row(&mut self, cells: Vec<Cell>) {
        // Enough for the rows an import holds before writing them, bounded so that a row of
        // thousands of cells is not kept: at most 512 lists of up to 64 cells (1 MiB).
        const KEPT_ROWS: usize = 512;
        const KEPT_CELLS: usize = 64;
        if self.spare_rows.len() < KEPT_ROWS && cells.capacity() <= KEPT_CELLS {
            self.spare_rows.push(cells);
        }
    }

    /// The next row, its text cells written into strings taken from `spare_texts`.
    fn next(&mut self, spare_texts: &mut Vec<String>) -> Option<Result<RawRow, SourceError>> {
        while !self.finished {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(err) => {
                    self.finished = true;
                    let long = match err.kind() {
                        csv::ErrorKind::Io(e) => e
                            .get_ref()
                            .and_then(|e| e.downcast_ref::<RecordTooLong>())
                            .map(|l| l.row),
                        _ => None,
                    };
                    return Some(Err(match long {
                        Some(row) => SourceError::RecordTooLong {
                            row,
                            max_mib: MAX_RECORD_BYTES >> 20,
                        },
                        None => SourceError::Io {
                            path: self.path.clone(),
                            source: err.into(),
                        },
                    }));
                }
            }
            let end = self.reader.position().byte();
            let (row, unterminated) = self.reader.get_mut().claim(end);
            if unterminated {
                self.finished = true;
                return Some(Err(SourceError::UnterminatedQuote { row }));
            }
            let (encoding, name) = self.encoding;
            if encoding != encoding_rs::UTF_8 && is_utf8_text(&self.record) {
                // GBK decodes most UTF-8 bytes without an error, into mojibake: a file pasted
                // together from both is refused here rather than stored garbled.
                self.finished = true;
                return Some(Err(SourceError::EncodingChanged {
                    row,
                    encoding: name,
                }));
            }
            let mut cells = self.spare_rows.pop().unwrap_or_default();
            cells.reserve(self.record.len());
            for (i, field) in self.record.iter().enumerate() {
                if field.is_empty() {
                    cells.push(Cell::Empty);
                    continue;
                }
                match encoding.decode_without_bom_handling_and_without_replacement(field) {
                    Some(text) => {
                        let mut s = spare_texts.pop().unwrap_or_default();
                        s.clear();
                        s.push_str(crate::domain::cell::unguarded(&text));
                        cells.push(Cell::Text(s));
                    }
                    None => {
                        return Some(Err(SourceError::Undecodable {
                            row,
                            column: i + 1,
                            encoding: name,
                        }))
                    }
                }
            }
            if trim_row(&mut cells) {
                return Some(Ok(RawRow { row, cells }));
            }
        }
        self.finished = true;
        None
    }
}

/// Whether a row read as GBK is really UTF-8 Chinese: every field that is not plain ASCII is
/// valid UTF-8, with at least four Chinese characters between them. A field of GBK text is
/// rarely valid UTF-8 at all; a whole row's worth of them, naming three or more characters
/// each, practically never.
fn is_utf8_text(record: &csv::ByteRecord) -> bool {
    let mut chinese = 0;
    for field in record.iter().filter(|f| !f.is_ascii()) {
        match std::str::from_utf8(field) {
            Ok(s) => {
                chinese += s
                    .chars()
                    .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                    .count()
            }
            Err(_) => return false,
        }
    }
    chinese >= 4
}

/// The encoding of a text file and the length of the BOM to skip, from its first bytes.
/// A UTF-16/32 BOM is refused whatever the choice; an explicit choice skips the guessing.
fn detect_encoding(
    sample: &[u8],
    truncated: bool,
    choice: EncodingChoice,
) -> Result<((&'static Encoding, &'static str), usize), SourceError> {
    const UTF8: (&Encoding, &str) = (encoding_rs::UTF_8, "UTF-8");
    if let Some((_, encoding)) = WIDE_BOMS.iter().find(|(bom, _)| sample.starts_with(bom)) {
        return Err(SourceError::UnsupportedEncoding { encoding });
    }
    let bom = if sample.starts_with(UTF8_BOM) {
        UTF8_BOM.len()
    } else {
        0
    };
    let encoding = match choice {
        EncodingChoice::Utf8 => UTF8,
        EncodingChoice::Gbk => (encoding_rs::GBK, "GBK"),
        EncodingChoice::Auto if bom > 0 => UTF8,
        EncodingChoice::Auto => {
            // Text never holds NUL; UTF-16 or UTF-32 without a BOM is full of them.
            if sample.iter().filter(|&&b| b == 0).count() * 10 >= sample.len() {
                return Err(SourceError::UnsupportedEncoding { encoding: "UTF-16" });
            }
            match std::str::from_utf8(sample) {
                Ok(_) => UTF8,
                // A multi-byte character cut by the end of the sample.
                Err(e) if truncated && e.error_len().is_none() => UTF8,
                Err(_) => (encoding_rs::GB18030, "GB18030"),
            }
        }
    };
    Ok((encoding, bom))
}

/// Of `candidates`, the delimiter `sample` holds most of; of equally frequent ones, the
/// earlier (the first is the default). Bytes below 0x40 are never part of a GBK or UTF-8
/// character: counting them is safe.
fn most_frequent(sample: &[u8], candidates: &[u8]) -> u8 {
    let count = |byte: u8| sample.iter().filter(|&&b| b == byte).count();
    let mut best = (count(candidates[0]), candidates[0]);
    for &d in &candidates[1..] {
        let n = count(d);
        if n > best.0 {
            best = (n, d);
        }
    }
    best.1
}

/// Where the lexer is within the CSV grammar that `csv` applies (quotes only open a field).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Lex {
    LineStart,
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// Sits between the file and `csv` and follows the same bytes with a small lexer, to number
/// records as Excel does and to catch an unterminated quote (which `csv` silently accepts,
/// swallowing the rest of the file). `csv`'s own `Position` cannot number rows: it is taken
/// before blank lines are skipped (the record after two blank lines reports the blank line's
/// number), it counts the lines inside a quoted field, and it ignores a lone CR.
struct RowTracker<R> {
    inner: R,
    delimiter: u8,
    lex: Lex,
    after_cr: bool,
    /// The Excel row of the byte being lexed: 1 + line breaks outside quotes so far.
    row: u64,
    offset: u64,
    /// (byte offset, row) of each record start lexed but not yet claimed by `csv`. `csv`
    /// reads ahead by one buffer at most, so this stays short.
    starts: VecDeque<(u64, u64)>,
    last_claimed: u64,
    eof: bool,
    /// Where the record being lexed started, and its row: a record longer than
    /// [`MAX_RECORD_BYTES`] stops the reading before `csv` holds it whole.
    record_start: u64,
    record_row: u64,
}

/// The longest record a text ledger may hold: far above any real row (a row of 64 columns of
/// 500 characters is under 128 KiB), low enough that a runaway field never fills memory.
const MAX_RECORD_BYTES: u64 = 8 << 20;

/// The error a [`RowTracker`] reads into when a record runs past [`MAX_RECORD_BYTES`].
#[derive(Debug)]
struct RecordTooLong {
    row: u64,
}

impl fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}: record too long", self.row)
    }
}

impl std::error::Error for RecordTooLong {}

impl<R> RowTracker<R> {
    fn new(inner: R, delimiter: u8) -> Self {
        RowTracker {
            inner,
            delimiter,
            lex: Lex::LineStart,
            after_cr: false,
            row: 1,
            offset: 0,
            starts: VecDeque::new(),
            last_claimed: 0,
            eof: false,
            record_start: 0,
            record_row: 1,
        }
    }

    fn lex(&mut self, byte: u8) {
        let after_cr = std::mem::replace(&mut self.after_cr, byte == b'\r');
        let line_break = byte == b'\r' || byte == b'\n';
        if self.lex == Lex::LineStart && !line_break {
            self.starts.push_back((self.offset, self.row));
            (self.record_start, self.record_row) = (self.offset, self.row);
            self.lex = Lex::FieldStart;
        }
        self.lex = match (self.lex, byte) {
            (Lex::Quoted, b'"') => Lex::QuoteInQuoted,
            (Lex::Quoted, _) => Lex::Quoted,
            (_, b'\r' | b'\n') => {
                // CR, LF and CRLF each end one row; an empty line is an empty row.
                if !(byte == b'\n' && after_cr) {
                    self.row += 1;
                }
                Lex::LineStart
            }
            (Lex::FieldStart | Lex::QuoteInQuoted, b'"') => Lex::Quoted,
            (_, b) if b == self.delimiter => Lex::FieldStart,
            _ => Lex::Unquoted,
        };
        self.offset += 1;
    }

    /// The row of the record `csv` has just returned, which ended at byte `end`, and whether
    /// that record is an unterminated quote running to the end of the file.
    fn claim(&mut self, end: u64) -> (u64, bool) {
        let mut row = None;
        while let Some(&(at, start_row)) = self.starts.front() {
            if at >= end {
                break;
            }
            row = Some(start_row);
            self.starts.pop_front();
        }
        self.last_claimed = row.unwrap_or(self.last_claimed + 1);
        let unterminated = self.eof && self.starts.is_empty() && self.lex == Lex::Quoted;
        (self.last_claimed, unterminated)
    }
}

impl<R: Read> Read for RowTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.eof |= n == 0 && !buf.is_empty();
        for &byte in &buf[..n] {
            self.lex(byte);
        }
        if self.lex != Lex::LineStart && self.offset - self.record_start > MAX_RECORD_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                RecordTooLong {
                    row: self.record_row,
                },
            ));
        }
        Ok(n)
    }
}

// ---------------------------------------------------------------------------------------------
// Workbooks: XLSX, XLSM, XLSB, XLS, ODS

#[derive(Debug, Clone, Copy, PartialEq)]
enum Book {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Book {
    fn name(self) -> &'static str {
        match self {
            Book::Xlsx => "XLSX",
            Book::Xlsb => "XLSB",
            Book::Xls => "XLS",
            Book::Ods => "ODS",
        }
    }
}

/// Excel's last column, XFD: no real cell lies beyond it, and a forged one must not make us
/// allocate a row of billions of cells.
const MAX_COLUMNS: usize = 16_384;
/// Rows read ahead by the worker thread.
const ROWS_IN_FLIGHT: usize = 256;
/// Excel's serial for 10000-01-01: dates are below it.
const MAX_DATE_SERIAL: f64 = 2_958_466.0;

/// The most a workbook part that is read whole (shared strings, styles, an ODS sheet) may
/// inflate to. A real 1,000,000-row sheet's shared strings stay below it; a "zip bomb" of a few
/// megabytes that inflates to gigabytes is refused before anything holds it in memory.
const MAX_INFLATED_PART: u64 = 128 << 20;

/// Inflates every part of a ZIP workbook except the worksheets (which are read as a stream)
/// into nothing, counting, and refuses the file when one inflates past [`MAX_INFLATED_PART`].
/// Sizes declared in the ZIP are not trusted: a bomb can lie about them. A file that is not a
/// readable ZIP is left to the workbook reader, which says what is wrong with it.
fn check_inflated_parts(path: &Path) -> Result<(), SourceError> {
    let Ok(file) = File::open(path) else {
        return Ok(());
    };
    let Ok(mut zip) = zip::ZipArchive::new(io::BufReader::new(file)) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else { continue };
        let Ok(name) = part.name().map(|n| n.into_owned()) else {
            continue;
        };
        if name.starts_with("xl/worksheets/") {
            continue;
        }
        let inflated =
            io::copy(&mut part.take(MAX_INFLATED_PART + 1), &mut io::sink()).unwrap_or(0);
        if inflated > MAX_INFLATED_PART {
            return Err(SourceError::PartTooLarge {
                part: name,
                max_mib: MAX_INFLATED_PART >> 20,
            });
        }
    }
    Ok(())
}

/// The columns an XLSX sheet hides (0-based): its `<col min=".." max=".." hidden="1"/>`
/// elements, which come before the sheet's data. calamine does not say, so the sheet's part is
/// found through the workbook and its relationships and read up to `<sheetData`. A workbook
/// whose parts cannot be read this way gives none: the columns are then only unhidden.
fn xlsx_hidden_columns(path: &Path, sheet: &str) -> Vec<usize> {
    fn find(path: &Path, sheet: &str) -> Option<Vec<usize>> {
        let mut zip = zip::ZipArchive::new(io::BufReader::new(File::open(path).ok()?)).ok()?;
        let mut read = |name: &str, until: Option<&str>| -> Option<String> {
            let part = zip.by_name(name).ok()?;
            let mut text = Vec::new();
            let mut part = part.take(MAX_LAYOUT_BYTES);
            let mut chunk = [0u8; 8192];
            loop {
                let n = part.read(&mut chunk).ok()?;
                text.extend_from_slice(&chunk[..n]);
                let done = until.is_some_and(|u| {
                    text.windows(u.len())
                        .rev()
                        .take(n + u.len())
                        .any(|w| w == u.as_bytes())
                });
                if n == 0 || done {
                    break;
                }
            }
            Some(String::from_utf8_lossy(&text).into_owned())
        };
        let workbook = read("xl/workbook.xml", None)?;
        let id = xml_tags(&workbook, "sheet")
            .find(|t| xml_attr(t, "name").is_some_and(|n| xml_unescape(n) == sheet))
            .and_then(|t| xml_attr(t, "id"))?
            .to_string();
        let rels = read("xl/_rels/workbook.xml.rels", None)?;
        let target = xml_tags(&rels, "Relationship")
            .find(|t| xml_attr(t, "Id") == Some(id.as_str()))
            .and_then(|t| xml_attr(t, "Target"))?;
        let part = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        let layout = read(&part, Some("sheetData"))?;
        let layout = &layout[..layout.find("sheetData").unwrap_or(layout.len())];
        let mut hidden = Vec::new();
        for col in xml_tags(layout, "col") {
            if !matches!(xml_attr(col, "hidden"), Some("1" | "true")) {
                continue;
            }
            let bound = |key| xml_attr(col, key).and_then(|v| v.parse::<usize>().ok());
            let (Some(min), Some(max)) = (bound("min"), bound("max")) else {
                continue;
            };
            // A hidden range reaching the sheet's last column hides the unused ones.
            let max = max.min(MAX_COLUMNS);
            hidden.extend((min.max(1)..=max).map(|c| c - 1));
        }
        Some(hidden)
    }
    find(path, sheet).unwrap_or_default()
}

/// How much of a workbook part is read for its layout (sheet list, relationships, the column
/// settings before a sheet's data).
const MAX_LAYOUT_BYTES: u64 = 4 << 20;

/// The attribute texts of every `<name …>` element of `xml` (with or without a namespace prefix).
fn xml_tags<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    xml.split('<').skip(1).filter_map(move |tag| {
        let end = tag.find('>').unwrap_or(tag.len());
        let tag = &tag[..end];
        let tag_name = tag.split(|c: char| c.is_whitespace() || c == '/').next()?;
        let local = tag_name.rsplit(':').next()?;
        (local == name).then(|| &tag[tag_name.len()..])
    })
}

/// The value of attribute `key` (its local name, any prefix) in a tag's attribute text.
fn xml_attr<'a>(attrs: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq]
            .trim()
            .rsplit(|c: char| c.is_whitespace())
            .next()?;
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next()?;
        if quote != '"' && quote != '\'' {
            return None;
        }
        let value_end = after[1..].find(quote)?;
        let value = &after[1..1 + value_end];
        if name.rsplit(':').next() == Some(key) {
            return Some(value);
        }
        rest = &after[value_end + 2..];
    }
    None
}

/// The five predefined XML entities, undone (sheet names such as `A&amp;B`).
fn xml_unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Checks the file's magic bytes: every workbook is a ZIP (OOXML, ODS) or an OLE container
/// (XLS, or an encrypted OOXML). A ZIP named `.xls` is read as XLSX, as Excel itself does.
fn sniff(path: &Path, book: Book) -> Result<Book, SourceError> {
    let mut magic = [0u8; 4];
    let mut file = File::open(path).map_err(|e| io_error(path, e))?;
    let n = file.read(&mut magic).map_err(|e| io_error(path, e))?;
    match &magic[..n] {
        b"PK\x03\x04" | b"PK\x05\x06" if book == Book::Xls => Ok(Book::Xlsx),
        // An old .xls renamed .xlsx (or .ods …) is read as what it is; so is the ZIP
        // workbook renamed .xls above.
        b"\xD0\xCF\x11\xE0" => Ok(Book::Xls),
        b"PK\x03\x04" | b"PK\x05\x06" => Ok(book),
        _ => Err(SourceError::NotAWorkbook {
            format: book.name(),
        }),
    }
}

/// A workbook read on a worker thread. calamine's streaming cell reader borrows the workbook
/// it reads, so the two cannot live together in `Source`; the thread owns both and sends rows
/// over a bounded channel, which keeps memory flat. It also contains a calamine panic on a
/// hostile file: the panic ends the thread and becomes a `Workbook` error here.
struct BookRows {
    rx: Receiver<Result<RawRow, SourceError>>,
    worker: Option<JoinHandle<()>>,
    format: Book,
    /// The last row delivered.
    row: u64,
    /// The sheet's declared last row, if any.
    total: Option<u64>,
    /// The vertically merged areas of the sheet: first row, and the name Excel gives it
    /// (`B5:B7`). Their value is read on every row they cover.
    merged: Vec<(u64, String)>,
    /// The columns the sheet hides (0-based), where the format says (XLSX).
    hidden: Vec<usize>,
    /// The sheet read, and how many sheets the workbook has.
    sheet: (String, usize),
    finished: bool,
}

impl BookRows {
    fn open(path: &Path, format: Book, sheet: Option<&str>) -> Result<Self, SourceError> {
        // First the outcome of opening the sheet, once; then the rows.
        let (opened_tx, opened_rx) = mpsc::sync_channel(1);
        let (tx, rx) = mpsc::sync_channel(ROWS_IN_FLIGHT);
        let (book_path, sheet) = (path.to_path_buf(), sheet.map(str::to_owned));
        let worker = thread::Builder::new()
            .name("union-workbook".into())
            .spawn(move || {
                let mut opened_tx = Some(opened_tx);
                let mut opened = |total, merged, sheet| {
                    opened_tx
                        .take()
                        .is_some_and(|o| o.send(Ok((total, merged, sheet))).is_ok())
                };
                if let Err(err) = read_book(&book_path, format, sheet.as_deref(), &mut opened, &tx)
                {
                    // To the opener if the sheet never opened. A failed send means the Source
                    // is gone: nobody to tell.
                    match opened_tx.take() {
                        Some(opened_tx) => {
                            let _ = opened_tx.send(Err(err));
                        }
                        None => {
                            let _ = tx.send(Err(err));
                        }
                    }
                }
            })
            .map_err(|e| io_error(path, e))?;
        let mut rows = BookRows {
            rx,
            worker: Some(worker),
            format,
            row: 0,
            total: None,
            merged: Vec::new(),
            hidden: Vec::new(),
            sheet: (String::new(), 1),
            finished: false,
        };
        match opened_rx.recv() {
            Ok(Ok((total, merged, sheet))) => {
                rows.total = total;
                rows.merged = merged;
                if format == Book::Xlsx {
                    rows.hidden = xlsx_hidden_columns(path, &sheet.0);
                }
                rows.sheet = sheet;
                Ok(rows)
            }
            Ok(Err(err)) => Err(err),
            // The worker ended without a word: it panicked.
            Err(_) => Err(rows.worker_panic().unwrap_or(SourceError::Workbook {
                format: format.name(),
                row: None,
                detail: "reader stopped before opening the sheet".into(),
            })),
        }
    }

    fn next(&mut self) -> Option<Result<RawRow, SourceError>> {
        if self.finished {
            return None;
        }
        match self.rx.recv() {
            Ok(Ok(row)) => {
                self.row = row.row;
                Some(Ok(row))
            }
            Ok(Err(err)) => {
                self.finished = true;
                Some(Err(err))
            }
            Err(_) => {
                self.finished = true;
                self.worker_panic().map(Err)
            }
        }
    }

    /// Joins the worker, which has hung up; the error to report if it panicked.
    fn worker_panic(&mut self) -> Option<SourceError> {
        let payload = self.worker.take()?.join().err()?;
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Some(SourceError::Workbook {
            format: self.format.name(),
            row: (self.row > 0).then_some(self.row),
            detail: format!("reader panicked: {detail}"),
        })
    }
}

/// Where the worker sends rows, or the error that ends them.
type RowSink = SyncSender<Result<RawRow, SourceError>>;

/// The worker: opens the workbook and the sheet, calls `opened` with the sheet's declared
/// last row and its vertically merged areas (false: nobody is listening any more), then sends
/// every row.
fn read_book(
    path: &Path,
    format: Book,
    sheet: Option<&str>,
    opened: &mut impl FnMut(Option<u64>, Vec<(u64, String)>, (String, usize)) -> bool,
    tx: &RowSink,
) -> Result<(), SourceError> {
    let failed = |err| book_error(format, None, err);
    match format {
        Book::Xlsx => {
            let mut book: Xlsx<_> =
                open_workbook(path).map_err(|e| failed(calamine::Error::Xlsx(e)))?;
            let sheets = listed(book.sheets_metadata());
            let count = sheets.len();
            let name = choose_sheet(sheets, sheet)?;
            let merged = vertical(
                book.merge_cells_by_sheet_name(&name)
                    .map_err(|e| failed(e.into()))?,
            );
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|e| failed(e.into()))?;
            if !opened(
                declared_rows(cells.dimensions()),
                area_names(&merged),
                (name.clone(), count),
            ) {
                return Ok(());
            }
            // With each cell's formula: one whose file holds no result is said to be so, not
            // read as empty.
            let cells =
                std::iter::from_fn(|| cells.next_cell_with_formula().transpose()).map(|cell| {
                    let cell = cell.map_err(calamine::Error::Xlsx)?;
                    let (row, col) = cell.pos;
                    let value = match (cell.value, cell.formula) {
                        (DataRef::Empty, Some(formula)) if !formula.is_empty() => {
                            Cell::Uncalculated(formula)
                        }
                        (value, _) => to_cell(Data::from(value)),
                    };
                    Ok(((u64::from(row), col as usize), value))
                });
            send_rows(format, cells, &merged, tx)
        }
        Book::Xlsb => {
            let mut book: Xlsb<_> =
                open_workbook(path).map_err(|e| failed(calamine::Error::Xlsb(e)))?;
            let sheets = listed(book.sheets_metadata());
            let count = sheets.len();
            let name = choose_sheet(sheets, sheet)?;
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|e| failed(e.into()))?;
            if !opened(
                declared_rows(cells.dimensions()),
                Vec::new(),
                (name.clone(), count),
            ) {
                return Ok(());
            }
            stream_cells(format, || cells.next_cell(), &[], tx)
        }
        // calamine has no streaming reader for XLS or ODS: the sheet is read whole.
        Book::Xls => {
            let mut book: Xls<_> =
                open_workbook(path).map_err(|e| failed(calamine::Error::Xls(e)))?;
            let sheets = listed(book.sheets_metadata());
            let count = sheets.len();
            let name = choose_sheet(sheets, sheet)?;
            let range = book.worksheet_range(&name).map_err(|e| failed(e.into()))?;
            let merged = vertical(
                book.merge_cells_by_sheet_name(&name)
                    .map_err(|e| failed(e.into()))?,
            );
            if !opened(
                range.end().map(|(row, _)| u64::from(row) + 1),
                area_names(&merged),
                (name.clone(), count),
            ) {
                return Ok(());
            }
            send_range(format, &range, &merged, tx)
        }
        Book::Ods => {
            let mut book: Ods<_> =
                open_workbook(path).map_err(|e| failed(calamine::Error::Ods(e)))?;
            let sheets = listed(book.sheets_metadata());
            let count = sheets.len();
            let name = choose_sheet(sheets, sheet)?;
            let range = book.worksheet_range(&name).map_err(|e| failed(e.into()))?;
            if !opened(
                range.end().map(|(row, _)| u64::from(row) + 1),
                Vec::new(),
                (name.clone(), count),
            ) {
                return Ok(());
            }
            send_range(format, &range, &[], tx)
        }
    }
}

/// The merged areas that cover more than one row (a name, an ID number written once for a
/// person's three titles). Areas within one row (a title across the columns) are left: their
/// value belongs to their first cell only.
fn vertical(areas: Vec<calamine::Dimensions>) -> Vec<calamine::Dimensions> {
    let mut areas: Vec<_> = areas.into_iter().filter(|a| a.end.0 > a.start.0).collect();
    // In sheet order (the workbook keeps them in the order they were made).
    areas.sort_by_key(|a| (a.start.0, a.start.1));
    areas
}

fn area_names(areas: &[calamine::Dimensions]) -> Vec<(u64, String)> {
    areas
        .iter()
        .map(|a| {
            let name = format!(
                "{}{}:{}{}",
                crate::domain::cell::column_name(a.start.1 as usize),
                a.start.0 + 1,
                crate::domain::cell::column_name(a.start.1 as usize),
                a.end.0 + 1
            );
            (u64::from(a.start.0) + 1, name)
        })
        .collect()
}

fn book_error(format: Book, row: Option<u64>, err: calamine::Error) -> SourceError {
    use calamine::Error as E;
    match err {
        E::Xlsx(calamine::XlsxError::Password)
        | E::Xlsb(calamine::XlsbError::Password)
        | E::Xls(calamine::XlsError::Password)
        | E::Ods(calamine::OdsError::Password) => SourceError::PasswordProtected,
        // The ZIP library's own words ("invalid Zip archive: Could not find EOCD") tell an
        // office nothing: what they mean is said instead.
        E::Xlsx(calamine::XlsxError::Zip(_))
        | E::Xlsb(calamine::XlsbError::Zip(_))
        | E::Ods(calamine::OdsError::Zip(_)) => SourceError::BrokenArchive {
            format: format.name(),
        },
        err => SourceError::Workbook {
            format: format.name(),
            row,
            detail: err.to_string(),
        },
    }
}

/// A workbook's sheets, in order, each with whether it is visible (not hidden or "very hidden").
fn listed(sheets: &[calamine::Sheet]) -> Vec<(String, bool)> {
    sheets
        .iter()
        .map(|s| (s.name.clone(), s.visible == calamine::SheetVisible::Visible))
        .collect()
}

/// The sheet `wanted` (exact, then ignoring surrounding spaces), or the first visible one: a
/// hidden sheet in front is an old copy or a lookup list, not the ledger.
fn choose_sheet(sheets: Vec<(String, bool)>, wanted: Option<&str>) -> Result<String, SourceError> {
    let Some(wanted) = wanted else {
        let first = sheets
            .iter()
            .find(|(_, visible)| *visible)
            .or(sheets.first());
        return first.map(|(n, _)| n.clone()).ok_or(SourceError::NoSheets);
    };
    let mut names: Vec<String> = sheets.into_iter().map(|(n, _)| n).collect();
    let found = names
        .iter()
        .position(|n| n == wanted)
        .or_else(|| names.iter().position(|n| n.trim() == wanted.trim()));
    match found {
        Some(i) => Ok(names.swap_remove(i)),
        None => Err(SourceError::SheetNotFound {
            name: wanted.to_owned(),
            available: names,
        }),
    }
}

/// The last row a sheet's `<dimension>` declares, if it declares more than one.
fn declared_rows(dimensions: calamine::Dimensions) -> Option<u64> {
    (dimensions.end.0 > 0).then(|| u64::from(dimensions.end.0) + 1)
}

fn stream_cells<'a, E: Into<calamine::Error>>(
    format: Book,
    mut next_cell: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, E>,
    merged: &[calamine::Dimensions],
    tx: &RowSink,
) -> Result<(), SourceError> {
    let cells = std::iter::from_fn(|| next_cell().transpose()).map(|cell| {
        let cell = cell.map_err(Into::into)?;
        let (row, col) = cell.get_position();
        Ok((
            (u64::from(row), col as usize),
            to_cell(Data::from(cell.get_value().clone())),
        ))
    });
    send_rows(format, cells, merged, tx)
}

fn send_range(
    format: Book,
    range: &calamine::Range<Data>,
    merged: &[calamine::Dimensions],
    tx: &RowSink,
) -> Result<(), SourceError> {
    let (row0, col0) = range.start().unwrap_or_default();
    let cells = range.used_cells().map(|(row, col, data)| {
        Ok((
            (u64::from(row0) + row as u64, col0 as usize + col),
            to_cell(data.clone()),
        ))
    });
    send_rows(format, cells, merged, tx)
}

/// Gathers cells, in sheet order, into rows and sends them. Cells arrive row by row; a cell
/// of another row closes the current one, and gaps between cells become `Cell::Empty`.
fn send_rows(
    format: Book,
    cells: impl Iterator<Item = Result<((u64, usize), Cell), calamine::Error>>,
    merged: &[calamine::Dimensions],
    tx: &RowSink,
) -> Result<(), SourceError> {
    let mut current = RawRow {
        row: 0,
        cells: Vec::new(),
    };
    let mut last_sent = None;
    // Vertically merged areas by first row, and those the rows have reached: each with its
    // last row, column and value (from its first row), written into its column on every row
    // it covers (an area's other cells are empty). A row looks only at the areas over it.
    let mut waiting: Vec<&calamine::Dimensions> = merged.iter().collect();
    waiting.sort_by_key(|a| std::cmp::Reverse(a.start.0));
    let mut over: Vec<(u64, usize, Option<Cell>)> = Vec::new();
    // False once the Source is gone.
    let mut send = |mut row: RawRow, last_sent: &mut Option<u64>| {
        over.retain(|(bottom, _, _)| *bottom >= row.row);
        for (_, col, value) in &over {
            if let Some(v) = value {
                if *col >= row.cells.len() {
                    row.cells.resize(col + 1, Cell::Empty);
                }
                if row.cells[*col].is_blank() {
                    row.cells[*col] = v.clone();
                }
            }
        }
        while let Some(area) = waiting.last().filter(|a| u64::from(a.start.0) < row.row) {
            let (top, col) = (u64::from(area.start.0) + 1, area.start.1 as usize);
            let value = (top == row.row)
                .then(|| row.cells.get(col).filter(|c| !c.is_blank()).cloned())
                .flatten();
            over.push((u64::from(area.end.0) + 1, col, value));
            waiting.pop();
        }
        if !trim_row(&mut row.cells) {
            return true;
        }
        *last_sent = Some(row.row);
        tx.send(Ok(row)).is_ok()
    };
    for cell in cells {
        let ((row, col), value) = cell.map_err(|err| book_error(format, last_sent, err))?;
        if row + 1 != current.row {
            let done = std::mem::replace(
                &mut current,
                RawRow {
                    row: row + 1,
                    cells: Vec::new(),
                },
            );
            if !send(done, &mut last_sent) {
                return Ok(());
            }
        }
        if col >= MAX_COLUMNS {
            return Err(SourceError::Workbook {
                format: format.name(),
                row: last_sent,
                detail: format!("cell in column {} beyond XFD", col + 1),
            });
        }
        if col >= current.cells.len() {
            current.cells.resize(col + 1, Cell::Empty);
        }
        current.cells[col] = value;
    }
    send(current, &mut last_sent);
    Ok(())
}

fn to_cell(data: Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.is_empty() => Cell::Empty,
        Data::String(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Int(i) => Cell::Number(i as f64),
        Data::Float(f) => Cell::Number(f),
        Data::Bool(b) => Cell::Bool(b),
        Data::DateTime(dt) if dt.is_datetime() => excel_date(&dt),
        Data::DateTime(duration) => Cell::Number(duration.as_f64()),
        Data::DateTimeIso(s) => match s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            Some(date) => Cell::Date(date),
            None => Cell::Text(s),
        },
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

/// The date of a date-formatted cell (its time dropped). Outside Excel's date range (time-only
/// cells, absurd serials) or on the phantom 1900-02-29 it stays a number. `as_datetime()` is
/// avoided: it panics on absurd serials.
fn excel_date(dt: &ExcelDateTime) -> Cell {
    let serial = dt.as_f64();
    if !(1.0..MAX_DATE_SERIAL).contains(&serial) {
        return Cell::Number(serial);
    }
    let (year, month, day, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(year.into(), month.into(), day.into())
        .map_or(Cell::Number(serial), Cell::Date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime as XlDate, Format, Formula, Workbook};

    #[test]
    fn layout_xml_is_read_with_any_prefix_quote_and_entity() {
        let workbook = r#"<x:workbook><x:sheets><x:sheet name="A&amp;B" sheetId="2" r:id='rId7'/><x:sheet name="台账" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>"#;
        let sheets: Vec<_> = xml_tags(workbook, "sheet")
            .map(|t| {
                (
                    xml_unescape(xml_attr(t, "name").unwrap()),
                    xml_attr(t, "id").unwrap(),
                )
            })
            .collect();
        assert_eq!(
            sheets,
            vec![("A&B".to_string(), "rId7"), ("台账".to_string(), "rId1")]
        );
        assert_eq!(xml_tags(workbook, "sheets").count(), 1);
        let cols = r#"<cols><col min="2" max="4" width="9" hidden="1"/><col min = "6" max="6" hidden="0"/></cols>"#;
        let hidden: Vec<_> = xml_tags(cols, "col")
            .map(|t| (xml_attr(t, "min"), xml_attr(t, "hidden")))
            .collect();
        assert_eq!(hidden, vec![(Some("2"), Some("1")), (Some("6"), Some("0"))]);
        assert_eq!(xml_attr(r#" a="1" b=2"#, "b"), None);
    }

    #[test]
    fn hidden_columns_of_the_sheet_read_not_of_another() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.xlsx");
        let mut book = Workbook::new();
        let first = book.add_worksheet();
        first.set_name("汇总").unwrap();
        first.set_column_hidden(0).unwrap();
        let second = book.add_worksheet();
        second.set_name("明细 & 附表").unwrap();
        second.set_column_hidden(1).unwrap();
        second.set_column_hidden(3).unwrap();
        second.write_string(0, 0, "x").unwrap();
        book.save(&path).unwrap();
        assert_eq!(xlsx_hidden_columns(&path, "汇总"), vec![0]);
        assert_eq!(xlsx_hidden_columns(&path, "明细 & 附表"), vec![1, 3]);
        assert_eq!(xlsx_hidden_columns(&path, "无此表"), Vec::<usize>::new());
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn date(y: i32, m: u32, d: u32) -> Cell {
        Cell::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    fn open(path: &Path) -> Result<Source, SourceError> {
        Source::open(path, None, EncodingChoice::Auto)
    }

    /// Every row, as (row number, cells) or the error's Debug text.
    fn read_all(source: Source) -> Vec<Result<(u64, Vec<Cell>), String>> {
        source
            .map(|r| r.map(|r| (r.row, r.cells)).map_err(|e| format!("{e:?}")))
            .collect()
    }

    fn rows_of(path: &Path) -> Vec<(u64, Vec<Cell>)> {
        open(path)
            .unwrap()
            .map(|r| r.map(|r| (r.row, r.cells)).unwrap())
            .collect()
    }

    const CHINESE: &str = "姓名,所属地区,荣誉称号\n张三,梁溪区,劳动模范\n李四,,\n";

    fn chinese_rows() -> Vec<(u64, Vec<Cell>)> {
        vec![
            (1, vec![text("姓名"), text("所属地区"), text("荣誉称号")]),
            (2, vec![text("张三"), text("梁溪区"), text("劳动模范")]),
            (3, vec![text("李四")]),
        ]
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let dir = tempfile::tempdir().unwrap();
        let plain = write(&dir, "plain.csv", CHINESE.as_bytes());
        let bom = write(&dir, "bom.CSV", &[UTF8_BOM, CHINESE.as_bytes()].concat());
        for path in [plain, bom] {
            let source = open(&path).unwrap();
            assert_eq!(source.encoding_name(), "UTF-8");
            assert_eq!(rows_of(&path), chinese_rows());
        }
    }

    #[test]
    fn gbk_reads_like_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(CHINESE);
        assert!(!unmappable);
        let path = write(&dir, "gbk.csv", &gbk);
        assert_eq!(open(&path).unwrap().encoding_name(), "GB18030");
        assert_eq!(rows_of(&path), chinese_rows());
        let explicit = Source::open(&path, None, EncodingChoice::Gbk).unwrap();
        assert_eq!(explicit.encoding_name(), "GBK");
        assert_eq!(
            read_all(explicit),
            chinese_rows().into_iter().map(Ok).collect::<Vec<_>>()
        );
    }

    #[test]
    fn explicit_utf8_on_gbk_gives_row_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "gbk.csv", &encoding_rs::GBK.encode(CHINESE).0);
        let rows = read_all(Source::open(&path, None, EncodingChoice::Utf8).unwrap());
        assert_eq!(
            rows[0],
            Err("Undecodable { row: 1, column: 1, encoding: \"UTF-8\" }".into())
        );
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn tsv_and_tab_delimited_txt() {
        let dir = tempfile::tempdir().unwrap();
        let tabbed = "2024年劳模花名册\n姓名\t地址\n张三\t梁溪区, 1号\n";
        let expected = vec![
            (1, vec![text("2024年劳模花名册")]),
            (2, vec![text("姓名"), text("地址")]),
            (3, vec![text("张三"), text("梁溪区, 1号")]),
        ];
        assert_eq!(rows_of(&write(&dir, "a.tsv", tabbed.as_bytes())), expected);
        assert_eq!(rows_of(&write(&dir, "a.txt", tabbed.as_bytes())), expected);
        assert_eq!(
            rows_of(&write(&dir, "b.txt", b"a,b\tc\n")),
            vec![(1, vec![text("a"), text("b\tc")])]
        );
    }

    #[test]
    fn quoted_multiline_field_is_one_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            &dir,
            "m.csv",
            "姓名,备注\n张三,\"第一行\n第二行, \"\"引号\"\"\"\n李四,x\n".as_bytes(),
        );
        assert_eq!(
            rows_of(&path),
            vec![
                (1, vec![text("姓名"), text("备注")]),
                (2, vec![text("张三"), text("第一行\n第二行, \"引号\"")]),
                (3, vec![text("李四"), text("x")]),
            ]
        );
    }

    #[test]
    fn blank_lines_keep_excel_row_numbers() {
        let dir = tempfile::tempdir().unwrap();
        for newline in ["\n", "\r\n", "\r"] {
            let data = ["", "标题", "", "a,b", "", "", "c,\"d", "e\"", "", "f"].join(newline);
            let rows = rows_of(&write(&dir, "blank.csv", data.as_bytes()));
            let numbers: Vec<u64> = rows.iter().map(|(row, _)| *row).collect();
            assert_eq!(numbers, [2, 4, 7, 9], "newline {newline:?}");
            assert_eq!(
                rows[2].1,
                vec![text("c"), text(format!("d{newline}e").as_str())]
            );
        }
    }

    #[test]
    fn rows_of_only_empty_fields_are_skipped_and_trailing_empties_trimmed() {
        let dir = tempfile::tempdir().unwrap();
        let rows = rows_of(&write(&dir, "e.csv", b",,\na,,b,,\n , \n"));
        assert_eq!(
            rows,
            vec![
                (2, vec![text("a"), Cell::Empty, text("b")]),
                (3, vec![text(" "), text(" ")])
            ]
        );
    }

    #[test]
    fn utf16_and_utf32_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let utf16le: Vec<u8> = "姓名,身份证号\n张三,320102199001010015\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let cases: [(&[u8], &str); 4] = [
            (&[b"\xFF\xFE", &utf16le[..]].concat(), "UTF-16LE"),
            (b"\xFE\xFF\x59\xD3", "UTF-16BE"),
            (b"\xFF\xFE\x00\x00\xD3\x59\x00\x00", "UTF-32LE"),
            (&utf16le, "UTF-16"),
        ];
        for (bytes, name) in cases {
            let path = write(&dir, "w.csv", bytes);
            for choice in [
                EncodingChoice::Auto,
                EncodingChoice::Utf8,
                EncodingChoice::Gbk,
            ] {
                match Source::open(&path, None, choice) {
                    Err(SourceError::UnsupportedEncoding { encoding }) => {
                        assert_eq!(encoding, name)
                    }
                    // Without a BOM an explicit choice is trusted.
                    Ok(_) if name == "UTF-16" && choice != EncodingChoice::Auto => {}
                    other => panic!("{name} {choice:?}: {:?}", other.map(|_| ())),
                }
            }
        }
    }

    #[test]
    fn invalid_gbk_is_an_error_for_its_row_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = encoding_rs::GBK
            .encode("姓名,地区\n张三,梁溪区\n")
            .0
            .into_owned();
        bytes.extend_from_slice(b"\xC0\xEE\xCB\xC4,\x81\x20\n"); // 李四, then a lead byte without its trail
        bytes.extend_from_slice(&encoding_rs::GBK.encode("王五,滨湖区\n").0);
        let rows = read_all(open(&write(&dir, "bad.csv", &bytes)).unwrap());
        assert_eq!(rows.len(), 4);
        assert_eq!(
            rows[2],
            Err("Undecodable { row: 3, column: 2, encoding: \"GB18030\" }".into())
        );
        assert_eq!(rows[3], Ok((4, vec![text("王五"), text("滨湖区")])));
    }

    #[test]
    fn utf8_rows_are_told_from_gbk_ones() {
        let record = |fields: &[&[u8]]| csv::ByteRecord::from(fields.to_vec());
        let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
        assert!(is_utf8_text(&record(&[
            "王建国".as_bytes(),
            "送清凉".as_bytes()
        ])));
        assert!(!is_utf8_text(&record(&[&gbk("王建国"), &gbk("送清凉")])));
        // A name alone, even when its bytes happen to be valid UTF-8, is not enough.
        assert!(!is_utf8_text(&record(&["王建国".as_bytes(), b"100"])));
        // Common names as GBK rows beside a unit's name: none is taken for UTF-8.
        let common = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
        let given: Vec<char> = "建国红霞静伟芳娜敏强磊军洋勇艳杰".chars().collect();
        let unit = gbk("无锡市梁溪区总工会");
        for s in common.chars() {
            for a in &given {
                for b in &given {
                    let name = gbk(&format!("{s}{a}{b}"));
                    assert!(!is_utf8_text(&record(&[&name, &unit])));
                }
            }
        }
    }

    #[test]
    fn unterminated_quote_is_an_error_at_its_row() {
        let dir = tempfile::tempdir().unwrap();
        let rows = read_all(open(&write(&dir, "q.csv", b"a,b\n\nc,\"open\nd,e\nf,g\n")).unwrap());
        assert_eq!(
            rows,
            vec![
                Ok((1, vec![text("a"), text("b")])),
                Err("UnterminatedQuote { row: 3 }".into())
            ]
        );
        // A quote inside an unquoted field is literal, as in Excel.
        assert_eq!(
            rows_of(&write(&dir, "inch.csv", b"5'3\",x\n")),
            vec![(1, vec![text("5'3\""), text("x")])]
        );
    }

    #[test]
    fn progress_counts_bytes_to_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = [UTF8_BOM, CHINESE.as_bytes()].concat();
        let mut source = open(&write(&dir, "p.csv", &bytes)).unwrap();
        assert_eq!(source.progress(), (3, Some(bytes.len() as u64)));
        while source.next_row().is_some() {}
        assert_eq!(
            source.progress(),
            (bytes.len() as u64, Some(bytes.len() as u64))
        );
    }

    #[test]
    fn hostile_text_files_never_panic() {
        let dir = tempfile::tempdir().unwrap();
        let mut big = b"a,\"".to_vec();
        big.extend(std::iter::repeat_n(b'x', 1 << 20));
        big.extend_from_slice(b"\"\nb\n");
        let rows = rows_of(&write(&dir, "big.csv", &big));
        assert_eq!((rows.len(), rows[1].0), (2, 2));
        assert!(matches!(&rows[0].1[1], Cell::Text(s) if s.len() == 1 << 20));

        let nul = write(&dir, "nul.csv", "张三,a\0b,梁溪区\n".as_bytes());
        assert_eq!(
            rows_of(&nul),
            vec![(1, vec![text("张三"), text("a\0b"), text("梁溪区")])]
        );
        assert!(matches!(
            open(&write(&dir, "bom.csv", UTF8_BOM)),
            Err(SourceError::Empty { .. })
        ));
        for seed in 1..20u64 {
            let path = write(&dir, "random.csv", &noise(seed, 5000));
            if let Ok(source) = open(&path) {
                read_all(source);
            }
        }
    }

    /// Deterministic pseudo-random bytes (xorshift).
    fn noise(mut seed: u64, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect()
    }

    #[test]
    fn file_level_errors() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            open(&dir.path().join("missing.csv")),
            Err(SourceError::NotFound { .. })
        ));
        assert!(matches!(
            open(dir.path()),
            Err(SourceError::IsDirectory { .. })
        ));
        assert!(matches!(
            open(&write(&dir, "empty.xlsx", b"")),
            Err(SourceError::Empty { .. })
        ));
        match open(&write(&dir, "data.PDF", b"%PDF-1.4")) {
            Err(SourceError::UnsupportedExtension { extension, .. }) => {
                assert_eq!(extension, "pdf")
            }
            other => panic!("{:?}", other.map(|_| ())),
        }
        assert!(matches!(
            open(&write(&dir, "noext", b"a")),
            Err(SourceError::UnsupportedExtension { .. })
        ));
    }

    /// The ledger of the spec: a title row, a header, then typed cells.
    fn ledger(path: &Path) {
        let mut book = Workbook::new();
        let ymd = Format::new().set_num_format("yyyy-mm-dd");
        let chinese_date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
        let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm");
        let sheet = book.add_worksheet().set_name("花名册").unwrap();
        sheet.write_string(0, 0, "2024年劳模花名册").unwrap();
        for (col, name) in [
            "姓名",
            "身份证号",
            "出生日期",
            "获评年份",
            "在职",
            "金额(元)",
            "备注",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(1, col as u16, *name).unwrap();
        }
        sheet.write_string(2, 0, "张三").unwrap();
        sheet.write_number(2, 1, 320102199001010015.0).unwrap();
        sheet
            .write_datetime_with_format(2, 2, XlDate::from_ymd(1990, 1, 1).unwrap(), &ymd)
            .unwrap();
        sheet.write_number(2, 3, 2019).unwrap();
        sheet.write_boolean(2, 4, true).unwrap();
        sheet.write_number(2, 5, 1234.5).unwrap();
        sheet.write_blank(2, 9, &ymd).unwrap(); // a formatted empty cell past the data
                                                // Row 4 is left blank.
        sheet.write_string(4, 0, "李四").unwrap();
        sheet.write_string(4, 1, "32010219900101002X").unwrap();
        sheet
            .write_datetime_with_format(
                4,
                2,
                XlDate::from_ymd(1985, 12, 31).unwrap(),
                &chinese_date,
            )
            .unwrap();
        sheet
            .write_formula(4, 5, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
        let noon = XlDate::from_ymd(2024, 1, 5)
            .unwrap()
            .and_hms(13, 30, 0)
            .unwrap();
        sheet
            .write_datetime_with_format(4, 6, noon, &stamp)
            .unwrap();
        let second = book.add_worksheet().set_name("第二批 ").unwrap();
        second.write_string(0, 0, "王五").unwrap();
        book.save(path).unwrap();
    }

    #[test]
    fn xlsx_cells_keep_their_types_and_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.xlsx");
        ledger(&path);
        let source = open(&path).unwrap();
        assert_eq!(source.encoding_name(), "XLSX");
        let header = [
            "姓名",
            "身份证号",
            "出生日期",
            "获评年份",
            "在职",
            "金额(元)",
            "备注",
        ]
        .map(text)
        .to_vec();
        assert_eq!(
            read_all(source),
            vec![
                Ok((1, vec![text("2024年劳模花名册")])),
                Ok((2, header)),
                Ok((
                    3,
                    vec![
                        text("张三"),
                        Cell::Number(320102199001010015.0),
                        date(1990, 1, 1),
                        Cell::Number(2019.0),
                        Cell::Bool(true),
                        Cell::Number(1234.5),
                    ]
                )),
                Ok((
                    5,
                    vec![
                        text("李四"),
                        text("32010219900101002X"),
                        date(1985, 12, 31),
                        Cell::Empty,
                        Cell::Empty,
                        text("#DIV/0!"),
                        date(2024, 1, 5),
                    ]
                )),
            ]
        );
    }

    #[test]
    fn xlsx_progress_reports_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.xlsm");
        ledger(&path);
        let mut source = open(&path).unwrap();
        assert_eq!(source.progress(), (0, Some(5)));
        while source.next_row().is_some() {}
        assert_eq!(source.progress(), (5, Some(5)));
    }

    #[test]
    fn sheets_are_chosen_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.xlsx");
        ledger(&path);
        for name in ["第二批 ", "第二批", " 第二批"] {
            let source = Source::open(&path, Some(name), EncodingChoice::Auto).unwrap();
            assert_eq!(read_all(source), vec![Ok((1, vec![text("王五")]))]);
        }
        match Source::open(&path, Some("第三批"), EncodingChoice::Auto) {
            Err(SourceError::SheetNotFound { name, available }) => {
                assert_eq!(name, "第三批");
                assert_eq!(available, ["花名册", "第二批 "]);
            }
            other => panic!("{:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn a_zip_named_xls_is_read_as_xlsx() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.XLS");
        ledger(&path);
        let source = open(&path).unwrap();
        assert_eq!(source.encoding_name(), "XLSX");
        assert_eq!(source.count(), 4);
    }

    /// A ZIP of uncompressed entries, enough to hand-make workbooks.
    fn stored_zip(files: &[(&str, &str)]) -> Vec<u8> {
        fn crc32(data: &[u8]) -> u32 {
            !data.iter().fold(!0u32, |crc, &b| {
                (0..8).fold(crc ^ u32::from(b), |c, _| {
                    if c & 1 == 1 {
                        (c >> 1) ^ 0xEDB8_8320
                    } else {
                        c >> 1
                    }
                })
            })
        }
        let (mut out, mut central) = (Vec::new(), Vec::new());
        for (name, data) in files {
            let (crc, size, offset) = (crc32(data.as_bytes()), data.len() as u32, out.len() as u32);
            let common = [
                &20u16.to_le_bytes()[..],
                &[0; 8],
                &crc.to_le_bytes(),
                &size.to_le_bytes(),
                &size.to_le_bytes(),
                &(name.len() as u16).to_le_bytes(),
                &[0; 2],
            ]
            .concat();
            out.extend(
                [
                    &b"PK\x03\x04"[..],
                    &common,
                    name.as_bytes(),
                    data.as_bytes(),
                ]
                .concat(),
            );
            central.extend(
                [
                    &b"PK\x01\x02\x14\x00"[..],
                    &common,
                    &[0; 10],
                    &offset.to_le_bytes(),
                    name.as_bytes(),
                ]
                .concat(),
            );
        }
        let (count, size, offset) = (files.len() as u16, central.len() as u32, out.len() as u32);
        let end = [
            &b"PK\x05\x06"[..],
            &[0; 4],
            &count.to_le_bytes(),
            &count.to_le_bytes(),
            &size.to_le_bytes(),
            &offset.to_le_bytes(),
            &[0; 2],
        ]
        .concat();
        [out, central, end].concat()
    }

    fn hand_made_xlsx(sheet_data: &str) -> Vec<u8> {
        let sheet = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
        );
        stored_zip(&[
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", &sheet),
        ])
    }

    #[test]
    fn inline_strings_errors_and_iso_dates() {
        let dir = tempfile::tempdir().unwrap();
        let xml = r#"<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="C2" t="e"><v>#N/A</v></c><c r="D2" t="d"><v>2024-01-05T08:00:00</v></c><c r="E2" t="b"><v>0</v></c><c r="F2" t="inlineStr"><is><t></t></is></c></row>"#;
        let path = write(&dir, "inline.xlsx", &hand_made_xlsx(xml));
        assert_eq!(
            read_all(open(&path).unwrap()),
            vec![Ok((
                2,
                vec![
                    text("张三"),
                    Cell::Empty,
                    text("#N/A"),
                    date(2024, 1, 5),
                    Cell::Bool(false)
                ]
            ))]
        );
    }

    /// A formula is read as its saved result; without one (as a program writes it, `<v/>` or
    /// no `<v>`) as the formula, uncalculated; a saved empty text result is an empty cell.
    #[test]
    fn a_formula_without_a_saved_result_is_read_as_uncalculated() {
        let dir = tempfile::tempdir().unwrap();
        let xml = r#"<row r="1"><c r="A1"><f>B1*2</f><v>4</v></c><c r="B1"><f>1+1</f><v/></c><c r="C1"><f>SUM(A1:B1)</f></c><c r="D1" t="str"><f>""</f><v></v></c><c r="E1"><v>7</v></c></row>"#;
        let path = write(&dir, "f.xlsx", &hand_made_xlsx(xml));
        assert_eq!(
            read_all(open(&path).unwrap()),
            vec![Ok((
                1,
                vec![
                    Cell::Number(4.0),
                    Cell::Uncalculated("1+1".into()),
                    Cell::Uncalculated("SUM(A1:B1)".into()),
                    Cell::Empty,
                    Cell::Number(7.0)
                ]
            ))]
        );
        assert_eq!(Cell::Uncalculated("1+1".into()).text(), "=1+1");
        assert!(!Cell::Uncalculated("1+1".into()).is_blank());
    }

    #[test]
    fn forged_cells_are_errors_not_crashes() {
        let dir = tempfile::tempdir().unwrap();
        let far = write(
            &dir,
            "far.xlsx",
            &hand_made_xlsx(
                r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="XFE2"><v>1</v></c></row>"#,
            ),
        );
        let rows = read_all(open(&far).unwrap());
        assert_eq!(rows[0], Ok((1, vec![Cell::Number(1.0)])));
        assert!(
            matches!(&rows[1], Err(e) if e.starts_with("Workbook { format: \"XLSX\", row: Some(1)")),
            "{rows:?}"
        );
        let cut = write(
            &dir,
            "cut.xlsx",
            &hand_made_xlsx(r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2"#),
        );
        let rows = read_all(open(&cut).unwrap());
        assert!(
            matches!(rows.last(), Some(Err(e)) if e.starts_with("Workbook")),
            "{rows:?}"
        );
    }

    #[test]
    fn broken_workbooks_are_errors_not_crashes() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.xlsx");
        ledger(&good);
        let bytes = fs::read(&good).unwrap();
        let half = write(&dir, "half.xlsx", &bytes[..bytes.len() / 2]);
        assert!(matches!(
            open(&half),
            Err(SourceError::BrokenArchive { format: "XLSX" })
        ));
        for cut in (0..bytes.len()).step_by(97) {
            let path = write(&dir, "cut.xlsx", &bytes[..cut]);
            if let Ok(source) = open(&path) {
                read_all(source);
            }
        }
        for name in ["noise.xlsx", "noise.xls", "noise.xlsb", "noise.ods"] {
            let path = write(&dir, name, &noise(7, 4096));
            assert!(
                matches!(open(&path), Err(SourceError::NotAWorkbook { .. })),
                "{name}"
            );
        }
        let pdf = write(&dir, "report.xlsx", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        assert!(matches!(
            open(&pdf),
            Err(SourceError::NotAWorkbook { format: "XLSX" })
        ));
        let empty_zip = [&b"PK\x05\x06"[..], &[0; 18]].concat();
        for name in ["zip.xlsx", "zip.xlsb", "zip.ods", "zip.xls"] {
            assert!(
                matches!(
                    open(&write(&dir, name, &empty_zip)),
                    Err(SourceError::Workbook { .. })
                ),
                "{name}"
            );
        }
        let not_a_book = stored_zip(&[("hello.txt", "hello")]);
        assert!(matches!(
            open(&write(&dir, "hello.xlsx", &not_a_book)),
            Err(SourceError::Workbook { .. })
        ));
        let ole = [&b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"[..], &noise(3, 4096)].concat();
        for name in ["ole.xls", "ole.xlsx"] {
            assert!(
                matches!(
                    open(&write(&dir, name, &ole)),
                    Err(SourceError::Workbook { .. })
                ),
                "{name}"
            );
        }
    }

    #[test]
    fn dates_outside_excel_range_stay_numbers() {
        use calamine::ExcelDateTimeType::DateTime;
        assert_eq!(
            to_cell(Data::DateTime(ExcelDateTime::new(45296.5, DateTime, false))),
            date(2024, 1, 5)
        );
        for serial in [-1e300, 0.5, 60.0, 3e6, f64::NAN] {
            assert!(matches!(
                to_cell(Data::DateTime(ExcelDateTime::new(serial, DateTime, false))),
                Cell::Number(_)
            ));
        }
    }
}
