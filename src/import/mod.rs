//! Bytes → text (encoding) → rows of cells (CSV or XLSX) → header mapping → typed records or row
//! issues `{row, column, value, reason}`. Testable without a database: the store is not used here.

pub mod columns;
pub mod header;
pub mod messages;
pub mod pipeline;
pub mod rows;
pub mod source;
