//! What the reader's errors and the import kinds are called, in the user's language: the
//! words are the catalogue's (`i18n::Msg`); which message a reader error or a kind takes is
//! decided here, beside the types, so that the catalogue never depends on `import` (no
//! `import ⇄ i18n` cycle).

use super::columns::Kind;
use super::source::SourceError;
use crate::i18n::Lang;
use crate::i18n::{say, Msg};

/// A reader error in the user's language.
pub fn source_error(lang: Lang, e: &SourceError) -> String {
    match e {
        SourceError::NotFound { .. } => Msg::SourceNotFound.text(lang).to_string(),
        SourceError::IsDirectory { .. } => Msg::SourceIsDirectory.text(lang).to_string(),
        SourceError::Empty { .. } => Msg::SourceEmpty.text(lang).to_string(),
        SourceError::UnsupportedExtension { extension, .. } => {
            say::SourceUnsupportedExt { extension }.text(lang)
        }
        SourceError::Io { source, .. } => say::SourceIo { source }.text(lang),
        SourceError::UnsupportedEncoding { encoding } => {
            say::SourceUnsupportedEncoding { encoding }.text(lang)
        }
        SourceError::NotAWorkbook { format } => say::SourceNotAWorkbook { format }.text(lang),
        SourceError::PasswordProtected => Msg::SourcePassword.text(lang).to_string(),
        SourceError::BrokenArchive { format } => say::SourceBrokenArchive { format }.text(lang),
        SourceError::NoSheets => Msg::SourceNoSheets.text(lang).to_string(),
        SourceError::SheetNotFound { name, available } => say::SourceSheetNotFound {
            name,
            has: &crate::i18n::list(lang, available),
        }
        .text(lang),
        SourceError::Workbook {
            row: Some(row),
            detail,
            ..
        } => say::SourceWorkbookAfterRow { row, detail }.text(lang),
        SourceError::Workbook {
            row: None, detail, ..
        } => say::SourceWorkbook { detail }.text(lang),
        SourceError::Undecodable {
            column, encoding, ..
        } => say::SourceUndecodable { column, encoding }.text(lang),
        SourceError::UnterminatedQuote { row } => say::SourceUnterminatedQuote { row }.text(lang),
        SourceError::EncodingChanged { row, encoding } => {
            say::SourceEncodingChanged { row, encoding }.text(lang)
        }
        SourceError::PartTooLarge { part, max_mib } => {
            say::SourcePartTooLarge { part, max_mib }.text(lang)
        }
        SourceError::RecordTooLong { row, max_mib } => {
            say::SourceRecordTooLong { row, max_mib }.text(lang)
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
pub fn kind_label(lang: Lang, kind: Kind) -> &'static str {
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
    .text(lang)
}
