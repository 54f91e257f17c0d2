//! CSV files in the encoding an office asks for: UTF-8 with a BOM (Excel opens it without
//! garbling), GBK (what Excel on Chinese Windows writes as plain "CSV"; a character GBK cannot
//! hold stops the export with the record and column named, nothing written), or GB18030 (GBK's
//! superset, which holds every character). Formula injection is neutralised by `render`.

use crate::i18n::Lang;
use anyhow::{bail, Result};
use std::io::Write;

use super::render::{self, Records, Val};
use crate::i18n::say;

/// The text encoding of an exported CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gbk,
    Gb18030,
}

/// The first character of `s` that GBK cannot encode.
fn first_non_gbk(s: &str) -> Option<char> {
    let mut buf = [0u8; 4];
    s.chars()
        .find(|c| encoding_rs::GBK.encode(c.encode_utf8(&mut buf)).2)
}

/// CSV lines in `encoding`, a record at a time, written to any output: UTF-8 may get a BOM
/// first; GBK refuses a character it cannot hold, naming the record (counted from 1 after the
/// header) and column. Text cells are neutralised against formulas.
pub(crate) struct Encoder {
    encoding: Encoding,
    headers: Vec<String>,
    rows: usize,
}

impl Encoder {
    pub(crate) fn new(encoding: Encoding, headers: Vec<String>) -> Encoder {
        Encoder {
            encoding,
            headers,
            rows: 0,
        }
    }

    /// Writes one CSV line of `cells` to `out`, in the encoding.
    fn put<I, T>(&mut self, out: &mut dyn Write, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        let mut line = csv::WriterBuilder::new()
            .buffer_capacity(512)
            .from_writer(Vec::with_capacity(256));
        line.write_record(cells)?;
        let utf8 = line.into_inner().map_err(|e| e.into_error())?;
        match self.encoding {
            Encoding::Utf8 => out.write_all(&utf8)?,
            Encoding::Gbk | Encoding::Gb18030 => {
                let text = std::str::from_utf8(&utf8).expect("the CSV writer writes UTF-8");
                let enc = if self.encoding == Encoding::Gbk {
                    encoding_rs::GBK
                } else {
                    encoding_rs::GB18030
                };
                out.write_all(&enc.encode(text).0)?;
            }
        }
        Ok(())
    }

    /// The header line, after a BOM when `bom` and the encoding is UTF-8 (a file for Excel).
    pub(crate) fn header(&mut self, out: &mut dyn Write, bom: bool) -> Result<()> {
        if bom && self.encoding == Encoding::Utf8 {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let headers = std::mem::take(&mut self.headers);
        let written = self.put(
            out,
            headers.iter().map(|h| render::neutralise(h).into_owned()),
        );
        self.headers = headers;
        written
    }

    /// Counts the next row, refusing it if the encoding cannot hold it: call before [`row`].
    ///
    /// [`row`]: Encoder::row
    pub(crate) fn encodable(&mut self, lang: Lang, row: &[Val]) -> Result<()> {
        self.rows += 1;
        if self.encoding == Encoding::Gbk {
            for (j, v) in row.iter().enumerate() {
                if let Some(c) = first_non_gbk(&v.display(lang)) {
                    let who = row.first().map(|v| v.display(lang)).unwrap_or_default();
                    bail!(say::ExportUnencodable {
                        record: &self.rows,
                        who: &who,
                        column: &self.headers.get(j).map_or("", String::as_str),
                        char: &c
                    }
                    .said());
                }
            }
        }
        Ok(())
    }

    pub(crate) fn row(&mut self, lang: Lang, out: &mut dyn Write, row: &[Val]) -> Result<()> {
        self.put(out, render::csv_cells(lang, row))
    }
}

/// The bytes of `records` as a CSV file in `encoding`.
pub fn csv_bytes(lang: Lang, records: &Records, encoding: Encoding) -> Result<Vec<u8>> {
    let headers = records
        .headers(lang)
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut e = Encoder::new(encoding, headers);
    let mut bytes = Vec::new();
    e.header(&mut bytes, true)?;
    for row in &records.rows {
        e.encodable(lang, row)?;
        e.row(lang, &mut bytes, row)?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::render::Column;

    fn one(name: &str) -> Records {
        let mut r = Records::new(&[Column::new("name", crate::i18n::Msg::ColName)]);
        r.rows.push(vec![Val::text(name)]);
        r
    }

    #[test]
    fn gbk_round_trips_and_refuses_what_it_cannot_hold() {
        let bytes = csv_bytes(crate::i18n::Lang::Zh, &one("张三"), Encoding::Gbk).unwrap();
        let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
        assert!(!bad);
        assert_eq!(text, "姓名\n张三\n");
        let err = csv_bytes(crate::i18n::Lang::Zh, &one("王𠮷"), Encoding::Gbk)
            .unwrap_err()
            .to_string();
        assert!(err.contains('𠮷') && err.contains("王𠮷"), "{err}");
        let bytes = csv_bytes(crate::i18n::Lang::Zh, &one("王𠮷"), Encoding::Gb18030).unwrap();
        assert_eq!(encoding_rs::GB18030.decode(&bytes).0, "姓名\n王𠮷\n");
    }

    #[test]
    fn utf8_has_a_bom() {
        let bytes = csv_bytes(crate::i18n::Lang::Zh, &one("=1+1"), Encoding::Utf8).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "\u{feff}姓名\n'=1+1\n");
    }
}
