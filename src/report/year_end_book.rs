//! The year-end workbook a leader prints (`report year-end -o X.xlsx`): for the area and, by
//! district, for each district, a sheet of the figures beside the same figures a year before —
//! the title above the table, each section once as a row over its figures, the label first and
//! the stable key in a last narrow column, numbers with thousands separators, set up to print on
//! A4 — and a sheet of the area's payouts by category with a chart of the amounts.

use crate::i18n::Lang;
use anyhow::Result;
use rust_xlsxwriter::{
    Chart, ChartType, Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use std::path::Path;

use super::render::{self, cell_number, display_width, Val};
use super::year_end::{change, Window, YearEnd};
use crate::i18n::{say, Msg};

/// The title row (merged across the table), the note on the comparison, the column headers;
/// the figures start below the headers.
pub const TITLE_ROW: u32 = 0;
pub const NOTE_ROW: u32 = 1;
pub const HEADER_ROW: u32 = 2;
/// The columns: label, this period, a year before, change, change in percent, key.
pub const LAST_COL: u16 = 5;

/// The number format of a figure's value, or of its change when `signed`: counts and money
/// (in yuan) with thousands separators, rates and percentages with one decimal as today.
pub fn num_format(v: &Val, signed: bool) -> &'static str {
    match (v, signed) {
        (Val::Int(_), false) => "#,##0",
        (Val::Int(_), true) => "+#,##0;-#,##0;0",
        (Val::Money(_) | Val::Percent(_), false) => "#,##0.00",
        (Val::Money(_) | Val::Percent(_), true) => "+#,##0.00;-#,##0.00;0.00",
        (_, false) => "0.0",
        (_, true) => "+0.0;-0.0;0.0",
    }
}

/// The header of a window's value column: the year when it is one (`2025年`), else `fallback`.
fn period_header(lang: Lang, w: &Window, fallback: Msg) -> String {
    match w.calendar_year() {
        Some(y) => say::ColYearNumber { year: &y }.text(lang),
        None => fallback.text(lang).to_string(),
    }
}

/// A district's name as a sheet name Excel accepts and that is not `taken` yet (compared
/// case-blind, as Excel does): none of `[]:*?/\`, no apostrophe at either end, at most 31
/// characters, `(2)`, `(3)` … added to a name already taken.
pub fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'');
    let base = if clean.is_empty() { "_" } else { clean };
    let is_taken = |n: &str| taken.iter().any(|t| t.to_lowercase() == n.to_lowercase());
    (1..)
        .map(|i| {
            let suffix = if i == 1 {
                String::new()
            } else {
                format!("({i})")
            };
            let room = 31 - suffix.chars().count();
            let head: String = base.chars().take(room).collect();
            format!("{head}{suffix}")
        })
        .find(|n| !is_taken(n))
        .expect("some suffix is free")
}

/// Writes the figures sheet of `now` beside `before` (the same area a year before).
fn figures_sheet(lang: Lang, ws: &mut Worksheet, now: &YearEnd, before: &YearEnd) -> Result<()> {
    let grey = Color::RGB(0xD9D9D9);
    let title_format = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let note_format = Format::new()
        .set_font_size(9)
        .set_align(FormatAlign::Center);
    let header_format = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(grey)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let section_format = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xF2F2F2));
    let label_format = Format::new().set_border(FormatBorder::Thin).set_indent(1);
    let key_format = Format::new()
        .set_border(FormatBorder::Thin)
        .set_font_size(8)
        .set_font_color(Color::RGB(0x808080));
    let number = |v: &Val, signed: bool| {
        Format::new()
            .set_border(FormatBorder::Thin)
            .set_num_format(num_format(v, signed))
    };
    // A change in percent is written as tenths, signed.
    let percent_format = number(&Val::Tenths(0), true);

    let title = now.title(lang);
    ws.merge_range(TITLE_ROW, 0, TITLE_ROW, LAST_COL, &title, &title_format)?;
    ws.set_row_height(TITLE_ROW, 28)?;
    let (from, to) = (before.window.from, before.window.to);
    let note = say::ReportComparedNote {
        from: &from,
        to: &to,
    }
    .text(lang);
    ws.merge_range(NOTE_ROW, 0, NOTE_ROW, LAST_COL, &note, &note_format)?;
    let headers = [
        Msg::ColFigure.text(lang).to_string(),
        period_header(lang, &now.window, Msg::ColThisPeriod),
        period_header(lang, &before.window, Msg::ColPreviousPeriod),
        Msg::ColChange.text(lang).to_string(),
        Msg::ColChangePercent.text(lang).to_string(),
        Msg::ColKey.text(lang).to_string(),
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, h, &header_format)?;
    }

    let mut row = HEADER_ROW;
    let mut section = None;
    let mut label_width = display_width(&headers[0]);
    for f in &now.figures {
        if section != Some(f.section) {
            section = Some(f.section);
            row += 1;
            let name = f.section.text(lang);
            ws.merge_range(row, 0, row, LAST_COL, name, &section_format)?;
        }
        row += 1;
        ws.write_string_with_format(row, 0, &f.label, &label_format)?;
        label_width = label_width.max(display_width(&f.label));
        let then = before.get(&f.key).cloned().unwrap_or(Val::Null);
        let moved = change(&f.value, &then);
        let cells = [
            (&f.value, false),
            (&then, false),
            (moved.as_ref().map_or(&Val::Null, |(d, _)| d), true),
        ];
        for (c, (v, signed)) in cells.into_iter().enumerate() {
            number_cell(ws, row, 1 + c as u16, v, &number(v, signed))?;
        }
        let percent = moved.and_then(|(_, p)| p).map_or(Val::Null, Val::Tenths);
        number_cell(ws, row, 4, &percent, &percent_format)?;
        ws.write_string_with_format(row, LAST_COL, &f.key, &key_format)?;
    }

    // Room for the indent and a margin.
    ws.set_column_width(0, (label_width as f64 + 4.0).min(60.0))?;
    for c in 1..LAST_COL {
        ws.set_column_width(c, 14)?;
    }
    // Narrow: the key is for those who match figures across years and tools, not for reading.
    ws.set_column_width(LAST_COL, 16)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    render::page_setup(lang, ws, render::Orientation::Portrait, HEADER_ROW, &title)
}

/// A number in `format`, or an empty cell with the table's border when `v` is no number.
fn number_cell(ws: &mut Worksheet, row: u32, col: u16, v: &Val, format: &Format) -> Result<()> {
    match cell_number(v) {
        Some(n) => ws.write_number_with_format(row, col, n, format)?,
        None => ws.write_blank(row, col, format)?,
    };
    Ok(())
}

/// Writes the workbook: a figures sheet for each table beside its year before (the first named
/// 年终统计, the others by district), then the first table's payouts by category with a chart.
pub fn write(lang: Lang, path: &Path, tables: &[(&YearEnd, YearEnd)]) -> Result<()> {
    let mut book = Workbook::new();
    let main = Msg::SheetYearEnd.text(lang).to_string();
    let chart_sheet = Msg::SheetPayoutsByCategory.text(lang).to_string();
    let mut taken = vec![main.clone(), chart_sheet.clone()];
    for (i, (now, before)) in tables.iter().enumerate() {
        let name = match (&now.district, i) {
            (Some(d), 1..) => sheet_name(d, &taken),
            _ => main.clone(),
        };
        taken.push(name.clone());
        let ws = book.add_worksheet();
        ws.set_name(&name)?;
        figures_sheet(lang, ws, now, before)?;
    }

    let (area, _) = tables.first().expect("a report has its area's table");
    let cats = area.category_records(lang);
    let ws = book.add_worksheet();
    ws.set_name(&chart_sheet)?;
    render::fill_sheet(lang, ws, &cats)?;
    let last = cats.rows.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name(Msg::ColAmount.text(lang))
        .set_categories((chart_sheet.as_str(), 1, 0, last, 0))
        .set_values((chart_sheet.as_str(), 1, 3, last, 3));
    chart.title().set_name(&format!(
        "{} {}",
        area.title(lang),
        Msg::ChartPayouts.text(lang)
    ));
    chart.legend().set_hidden();
    ws.insert_chart(1, 5, &chart)?;
    book.set_properties(&DocProperties::new().set_title(area.title(lang)));
    render::save_xlsx(&mut book, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_group_thousands_and_sign_changes() {
        assert_eq!(num_format(&Val::Int(1285), false), "#,##0");
        assert_eq!(num_format(&Val::Money(2903456), false), "#,##0.00");
        assert_eq!(num_format(&Val::Tenths(981), false), "0.0");
        assert_eq!(num_format(&Val::Int(-3), true), "+#,##0;-#,##0;0");
        assert_eq!(
            num_format(&Val::Money(-1), true),
            "+#,##0.00;-#,##0.00;0.00"
        );
        assert_eq!(num_format(&Val::Tenths(-5), true), "+0.0;-0.0;0.0");
    }

    #[test]
    fn sheet_names_are_ones_excel_takes() {
        let taken = vec!["年终统计".to_string(), "发放分类".to_string()];
        assert_eq!(sheet_name("梁溪区", &taken), "梁溪区");
        assert_eq!(sheet_name("a/b:c", &taken), "a_b_c");
        assert_eq!(sheet_name("'x'", &taken), "x");
        assert_eq!(sheet_name("", &taken), "_");
        assert_eq!(sheet_name("年终统计", &taken), "年终统计(2)");
        let long = "区".repeat(40);
        assert_eq!(sheet_name(&long, &taken).chars().count(), 31);
        let mut taken = taken;
        taken.push("ABC".into());
        assert_eq!(sheet_name("abc", &taken), "abc(2)");
        let mut taken2 = taken.clone();
        taken2.push(sheet_name(&long, &taken));
        let second = sheet_name(&long, &taken2);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with("(2)"));
    }
}
