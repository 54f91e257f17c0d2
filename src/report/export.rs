//! CSV files in the encoding an office asks for: UTF-8 with a BOM (Excel opens it without
//! garbling), GBK (what Excel on Chinese Windows writes as plain "CSV"; a character GBK cannot
//! hold stops the export with the record and column named, nothing written), or GB18030 (GBK's
//! superset, which holds every character). Formula injection is neutralised by `render`.

use anyhow::{bail, Context, Result};
use std::path::Path;

use super::render::{self, Records};
use crate::i18n::Msg;

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

/// The bytes of `records` as CSV in `encoding`.
pub fn csv_bytes(records: &Records, encoding: Encoding) -> Result<Vec<u8>> {
    if encoding == Encoding::Gbk {
        for (i, row) in records.rows.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                if let Some(c) = first_non_gbk(&v.display()) {
                    let who = row.first().map(|v| v.display()).unwrap_or_default();
                    bail!(Msg::ExportUnencodable.fmt(&[&(i + 1), &who, &records.header(j), &c]));
                }
            }
        }
    }
    let mut utf8 = Vec::new();
    render::write_csv(records, &mut utf8, encoding == Encoding::Utf8)?;
    Ok(match encoding {
        Encoding::Utf8 => utf8,
        Encoding::Gbk | Encoding::Gb18030 => {
            let text = String::from_utf8(utf8).expect("the CSV writer writes UTF-8");
            let enc = if encoding == Encoding::Gbk {
                encoding_rs::GBK
            } else {
                encoding_rs::GB18030
            };
            let (bytes, _, unmappable) = enc.encode(&text);
            // Headers come from the catalogue and cells were checked above.
            debug_assert!(!unmappable);
            bytes.into_owned()
        }
    })
}

/// Writes `records` to `path` as CSV in `encoding`, and says so on stderr.
pub fn write_csv_file(records: &Records, path: &Path, encoding: Encoding) -> Result<()> {
    let bytes = csv_bytes(records, encoding)?;
    std::fs::write(path, bytes).with_context(|| Msg::CannotWrite.fmt(&[&path.display()]))?;
    eprintln!(
        "{}",
        Msg::Written.fmt(&[&path.display(), &records.rows.len()])
    );
    Ok(())
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
