//! Reports computed from the store, and the renderers every printed record goes through.

pub mod export;
pub mod render;
pub mod sign_sheet;
pub mod style;
pub mod table;
pub mod verdict;
pub mod xlsx_stream;
pub mod year_end;
pub mod year_end_book;
