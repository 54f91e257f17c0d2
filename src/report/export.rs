//! CSV files in the encoding an office asks for: UTF-8 with a BOM (Excel opens it without
//! garbling), GBK (what Excel on Chinese Windows writes as plain "CSV"; a character GBK cannot
//! hold stops the export with the record and column named, nothing written), or GB18030 (GBK's
//! superset, which holds every character). Formula injection is neutralised by `render`.

use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::render::{self, Records};
use crate::i18n::Msg;
use crate::output::OutputFile;

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

/// CSV text in `encoding`, a record at a time: UTF-8 gets a BOM first; GBK refuses a
/// character it cannot hold, naming the record (counted from 1 after the header) and column.
struct Encoder {
    encoding: Encoding,
    rows: usize,
}

impl Encoder {
    fn new(encoding: Encoding) -> Encoder {
        Encoder { encoding, rows: 0 }
    }

    /// The bytes of one CSV line.
    fn line(&mut self, cells: &[String]) -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::with_capacity(128));
        w.write_record(cells)?;
        let utf8 = w.into_inner().map_err(|e| e.into_error())?;
        Ok(match self.encoding {
            Encoding::Utf8 => utf8,
            Encoding::Gbk | Encoding::Gb18030 => {
                let text = String::from_utf8(utf8).expect("the CSV writer writes UTF-8");
                let enc = if self.encoding == Encoding::Gbk {
                    encoding_rs::GBK
                } else {
                    encoding_rs::GB18030
                };
                enc.encode(&text).0.into_owned()
            }
        })
    }

    fn header(&mut self, records: &Records) -> Result<Vec<u8>> {
        let cells: Vec<String> = (0..records.columns.len())
            .map(|i| render::neutralise(records.header(i)).into_owned())
            .collect();
        let mut bytes = Vec::new();
        if self.encoding == Encoding::Utf8 {
            bytes.extend_from_slice("\u{feff}".as_bytes());
        }
        bytes.extend(self.line(&cells)?);
        Ok(bytes)
    }

    fn rows(&mut self, records: &Records) -> Result<Vec<u8>> {
        let mut bytes = Vec::new();
        for row in &records.rows {
            self.rows += 1;
            if self.encoding == Encoding::Gbk {
                for (j, v) in row.iter().enumerate() {
                    if let Some(c) = first_non_gbk(&v.display()) {
                        let who = row.first().map(|v| v.display()).unwrap_or_default();
                        bail!(Msg::ExportUnencodable.fmt(&[
                            &self.rows,
                            &who,
                            &records.header(j),
                            &c
                        ]));
                    }
                }
            }
            bytes.extend(self.line(&render::csv_cells(row))?);
        }
        Ok(bytes)
    }
}

/// The bytes of `records` as CSV in `encoding`.
pub fn csv_bytes(records: &Records, encoding: Encoding) -> Result<Vec<u8>> {
    let mut e = Encoder::new(encoding);
    let mut bytes = e.header(records)?;
    bytes.extend(e.rows(records)?);
    Ok(bytes)
}

/// A CSV file written a batch of records at a time, so that an export of millions of rows
/// never sits in memory. It is an [`OutputFile`]: written beside its final name and moved there
/// by `finish`, so a refused character, an error or a kill leaves no half-written file.
pub struct CsvFile {
    path: PathBuf,
    out: OutputFile,
    encoder: Encoder,
}

impl CsvFile {
    /// Creates the file and writes the header of `columns` (rows, if any, are not written).
    pub fn create(path: &Path, encoding: Encoding, columns: &Records) -> Result<CsvFile> {
        let mut f = CsvFile {
            path: path.to_path_buf(),
            out: OutputFile::create(path)?,
            encoder: Encoder::new(encoding),
        };
        let header = f.encoder.header(columns)?;
        f.write(&header)?;
        Ok(f)
    }

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.out
            .write_all(bytes)
            .with_context(|| Msg::CannotWrite.fmt(&[&self.path.display()]))
    }

    /// Appends the rows of `records` (same columns as the header).
    pub fn push(&mut self, records: &Records) -> Result<()> {
        let bytes = self.encoder.rows(records)?;
        self.write(&bytes)
    }

    /// Flushes, moves the file to its name and says so on stderr.
    pub fn finish(self) -> Result<()> {
        self.out.commit()?;
        eprintln!(
            "{}",
            Msg::Written.fmt(&[&self.path.display(), &self.encoder.rows])
        );
        Ok(())
    }
}

/// Writes `records` to `path` as CSV in `encoding`, and says so on stderr.
pub fn write_csv_file(records: &Records, path: &Path, encoding: Encoding) -> Result<()> {
    let mut f = CsvFile::create(path, encoding, records)?;
    f.push(records)?;
    f.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Msg;
    use crate::report::render::{Column, Val};

    fn one(name: &str) -> Records {
        let mut r = Records::new(&[Column::new("name", Msg::ColName)]);
        r.rows.push(vec![Val::text(name)]);
        r
    }

    #[test]
    fn gbk_round_trips_and_refuses_what_it_cannot_hold() {
        let bytes = csv_bytes(&one("张三"), Encoding::Gbk).unwrap();
        let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
        assert!(!bad);
        assert_eq!(text, "姓名\n张三\n");
        let err = csv_bytes(&one("王𠮷"), Encoding::Gbk)
            .unwrap_err()
            .to_string();
        assert!(err.contains('𠮷') && err.contains("王𠮷"), "{err}");
        let bytes = csv_bytes(&one("王𠮷"), Encoding::Gb18030).unwrap();
        assert_eq!(encoding_rs::GB18030.decode(&bytes).0, "姓名\n王𠮷\n");
    }

    #[test]
    fn utf8_has_a_bom() {
        let bytes = csv_bytes(&one("=1+1"), Encoding::Utf8).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "\u{feff}姓名\n'=1+1\n");
    }
}
