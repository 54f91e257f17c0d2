//! The 发放签收表 a payout run is printed and signed on (`union eligible … -o X.xlsx`): a title
//! and the unit above the table, 序号, the roster's import columns (ID numbers as text cells),
//! a 签字 column, a 合计 row with formulas and the signature lines under it, set up for A4
//! landscape. Filled in and saved, it imports back as it is: the title rows sit above the
//! header, 序号 and 签字 are columns the importer leaves unread, and the 合计 row and the
//! signature lines are skipped.

use crate::i18n::Lang;
use anyhow::Result;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook};
use std::path::Path;

use super::render::{self, display_width, Orientation, Records, Val};
use crate::i18n::{say, Msg};

/// The rows above the table: the title, and the unit and date.
const TITLE_ROW: u32 = 0;
const UNIT_ROW: u32 = 1;
const HEADER_ROW: u32 = 2;

/// Writes a roster as a sign sheet titled `title`, with `unit` (the unit and date line) under
/// it: the columns of `head` (its rows are not read), the rows as `rows` gives them (an
/// error among them stops the sheet before anything is written), each
/// written as it comes (constant-memory mode: a roster of any length is not held).
pub fn write(
    lang: Lang,
    head: &Records,
    rows: impl Iterator<Item = Result<Vec<Val>>>,
    title: &str,
    unit: &str,
    path: &Path,
) -> Result<usize> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet_with_constant_memory()?;
    ws.set_name(Msg::SheetSignSheet.text(lang))?;
    let records = head;
    let headers = records.headers(lang);
    // 序号, the roster's columns, 签字.
    let last = headers.len() as u16 + 1;
    let amount = records.columns.iter().position(|c| c.key == "amount");

    let title_format = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let unit_format = Format::new().set_align(FormatAlign::Left);
    let header_format = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let text_cell = cell.clone().set_num_format("@");
    let money = cell.clone().set_num_format("#,##0.00");
    let bold_cell = cell.clone().set_bold();
    let bold_money = money.clone().set_bold();

    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, last, title, &title_format)?;
    // Rows tall enough to sign in, set once for the sheet: a height set row by row is kept
    // for every row until the workbook is saved.
    ws.set_default_row_height(24);
    ws.set_row_height(TITLE_ROW, 30)?;
    ws.merge_range(UNIT_ROW, 0, UNIT_ROW, last, unit, &unit_format)?;

    let sign_header = Msg::ColSignature.text(lang);
    let mut widths: Vec<usize> = std::iter::once(display_width(Msg::ColRowNumber.text(lang)))
        .chain(headers.iter().map(|h| display_width(h)))
        .chain(std::iter::once(12))
        .collect();
    ws.write_string_with_format(HEADER_ROW, 0, Msg::ColRowNumber.text(lang), &header_format)?;
    for (j, h) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, j as u16 + 1, *h, &header_format)?;
    }
    ws.write_string_with_format(HEADER_ROW, last, sign_header, &header_format)?;

    let first = HEADER_ROW + 1;
    let mut count = 0u32;
    for (i, row) in rows.enumerate() {
        // A row that cannot be read stops the sheet before anything is saved.
        let row = row?;
        let r = first + i as u32;
        count += 1;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &cell)?;
        for (j, v) in row.iter().enumerate() {
            let c = j as u16 + 1;
            match v {
                Val::Money(_) => {
                    let yuan = render::cell_number(v).unwrap_or_default();
                    ws.write_number_with_format(r, c, yuan, &money)?;
                }
                // Blank cells to fill in keep the column's kind: text for all but the amount.
                Val::Null if Some(j) == amount => {
                    ws.write_blank(r, c, &money)?;
                }
                Val::Null => {
                    ws.write_blank(r, c, &text_cell)?;
                }
                other => {
                    ws.write_string_with_format(r, c, other.display(lang), &text_cell)?;
                }
            }
            widths[j + 1] = widths[j + 1].max(display_width(&v.display(lang)));
        }
        ws.write_blank(r, last, &cell)?;
    }

    // 合计: how many people, and the sum of what was filled in.
    let total = first + count;
    ws.write_string_with_format(total, 0, Msg::TotalRowLabel.text(lang), &bold_cell)?;
    for c in 1..=last {
        ws.write_blank(total, c, &bold_cell)?;
    }
    if count > 0 {
        // `N人`: the catalogue's words around a count of the ID numbers.
        let words = say::SignSheetCount { people: &'\u{0}' }.text(lang);
        let (before, after) = words.split_once('\u{0}').unwrap_or(("", ""));
        let count = format!(
            "=\"{before}\"&COUNTA(B{}:B{})&\"{after}\"",
            first + 1,
            total
        );
        ws.write_formula_with_format(total, 1, Formula::new(count), &bold_cell)?;
        if let Some(a) = amount {
            let col = a as u16 + 1;
            let letter = rust_xlsxwriter::utility::column_number_to_name(col);
            let sum = format!("=SUM({letter}{}:{letter}{})", first + 1, total);
            ws.write_formula_with_format(total, col, Formula::new(sum), &bold_money)?;
        }
    }

    // The signature lines, two rows under the table.
    let sign_row = total + 2;
    let labels = [Msg::SignHandledBy, Msg::SignCheckedBy, Msg::SignApprovedBy];
    let step = (last / 3).max(1);
    for (k, label) in labels.iter().enumerate() {
        ws.write_string(sign_row, k as u16 * step, label.text(lang))?;
    }

    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, (*w as f64 + 2.0).clamp(6.0, 40.0))?;
    }
    render::page_setup(lang, ws, Orientation::Landscape, HEADER_ROW, title)?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_title(title));
    render::save_xlsx(&mut book, path)?;
    Ok(count as usize)
}
