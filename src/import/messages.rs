//! What the reader's errors and the import kinds are called, in the user's language: the
//! words are the catalogue's (`i18n::Msg`); which message a reader error or a kind takes is
//! decided here, beside the types, so that the catalogue never depends on `import` (no
//! `import ⇄ i18n` cycle).

use super::columns::Kind;
use super::source::SourceError;
use crate::i18n::{say, Msg};

/// A reader error in the user's language.
pub fn source_error(e: &SourceError) -> String {
    match e {
        SourceError::NotFound { .. } => Msg::SourceNotFound.text().to_string(),
        SourceError::IsDirectory { .. } => Msg::SourceIsDirectory.text().to_string(),
        SourceError::Empty { .. } => Msg::SourceEmpty.text().to_string(),
        SourceError::UnsupportedExtension { extension, .. } => {
            say::SourceUnsupportedExt { extension }.text()
        }
        SourceError::Io { source, .. } => say::SourceIo { source }.text(),
        SourceError::UnsupportedEncoding { encoding } => {
            say::SourceUnsupportedEncoding { encoding }.text()
        }
        SourceError::NotAWorkbook { format } => say::SourceNotAWorkbook { format }.text(),
        SourceError::PasswordProtected => Msg::SourcePassword.text().to_string(),
        SourceError::NoSheets => Msg::SourceNoSheets.text().to_string(),
        SourceError::SheetNotFound { name, available } => say::SourceSheetNotFound {
            name,
            has: &crate::i18n::list(available),
        }
        .text(),
        SourceError::Workbook {
            row: Some(row),
            detail,
            ..
        } => say::SourceWorkbookAfterRow { row, detail }.text(),
        SourceError::Workbook {
            row: None, detail, ..
        } => say::SourceWorkbook { detail }.text(),
        SourceError::Undecodable {
            column, encoding, ..
        } => say::SourceUndecodable { column, encoding }.text(),
        SourceError::UnterminatedQuote { row } => say::SourceUnterminatedQuote { row }.text(),
        SourceError::EncodingChanged { row, encoding } => {
            say::SourceEncodingChanged { row, encoding }.text()
        }
        SourceError::PartTooLarge { part, max_mib } => {
            say::SourcePartTooLarge { part, max_mib }.text()
        }
        SourceError::RecordTooLong { row, max_mib } => {
            say::SourceRecordTooLong { row, max_mib }.text()
        }
    }
}

/// The Excel row a reader error belongs to, if it is about one row.
pub fn source_error_row(e: &SourceError) -> Option<u64> {
    match e {
        SourceError::Undecodable { row, .. }
        | SourceError::UnterminatedQuote { row }
        | SourceError::EncodingChanged { row, .. }
        | SourceError::RecordTooLong { row, .. } => Some(*row),
        SourceError::Workbook { row, .. } => *row,
        _ => None,
    }
}

/// What an import kind's ledger is called (人员, 困难档案 …).
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::People => Msg::CountPeople,
        Kind::Studios => Msg::CountStudios,
        Kind::StudioResults => Msg::CountResults,
        Kind::Enterprises => Msg::CountEnterprises,
        Kind::Agreements => Msg::CountAgreements,
        Kind::Payouts => Msg::CountPayouts,
        Kind::Hardship => Msg::CountHardship,
        Kind::Unions => Msg::CountUnions,
        Kind::Carriers => Msg::CountCarriers,
    }
    .text()
}
