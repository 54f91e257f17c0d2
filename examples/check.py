#!/usr/bin/env python3
"""Re-read every generated example file and check it; print the figures tests can rely on.

    python3 examples/check.py            # needs openpyxl, like generate.py

This script does not import generate.py: it reads the files as an importer would (CSV in UTF-8
and GBK, XLSX through openpyxl), checks that the three formats hold the same rows, that every ID
number and credit code validates, that the data keeps the rules of SPEC §6.2, and that headers are
spelled exactly as in SPEC §5. Exit status 0 when everything holds, 1 otherwise.
"""

import csv
import datetime as dt
import io
import os
import re
import sys
from collections import Counter, defaultdict
from decimal import Decimal

from openpyxl import load_workbook

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["people", "enterprises", "agreements", "studios", "studio-results", "payouts", "hardship"]
TODAY = dt.date(2026, 11, 21)

# SPEC §5 headers (Chinese), required ones marked. A leading 序号 column is allowed.
SPEC = {
    "people": ("姓名* 身份证号* 性别 出生日期 手机号 工作单位 所属地区 状态 退休日期 去世日期 荣誉称号 获评年份 授予机关 授予地 取消称号日期 取消原因"),
    "studios": ("工作室名称* 类型* 领衔人身份证号* 领衔人 所属单位 统一社会信用代码 所属地区 成立日期 团队人数 "
                "有劳模 有团队 有场所 有制度 有经费 有计划 有活动 有成效 命名级别 命名日期 批次"),
    "studio-results": "工作室名称* 年份* 创新课题 解决技术难题 技术改造 授权专利 发明专利 培训人次 提升技术等级人数 经济效益(万元)",
    "enterprises": "企业名称* 统一社会信用代码* 所属地区 行业 经济类型 职工人数 是否建会 会员人数 世界500强 女职工专项合同 职工董事监事 厂务公开",
    "agreements": "统一社会信用代码* 企业名称 签订日期 生效日期* 到期日期* 覆盖职工人数 协商形式 工资增幅(%)",
    "payouts": "身份证号* 姓名* 类别* 金额(元)* 发放日期* 凭证号 备注 所属期间",
    "hardship": "身份证号* 姓名* 困难类型* 建档日期* 脱困日期 退出原因 致困原因 户号 复核日期 家庭年收入 刚性支出 家庭人口",
}
SHEETS = {"people": "劳模花名册", "enterprises": "企业名册", "agreements": "工资集体协议台账",
          "studios": "创新工作室台账", "studio-results": "年度成效", "payouts": "福利发放明细",
          "hardship": "困难职工档案"}
DATE_COLS = {"出生日期", "退休日期", "去世日期", "签订日期", "生效日期", "到期日期", "成立日期", "命名日期",
             "发放日期", "建档日期", "脱困日期", "复核日期", "取消称号日期"}
DEC_COLS = {"金额(元)", "工资增幅(%)", "经济效益(万元)", "家庭年收入", "刚性支出"}
INT_COLS = {"序号", "获评年份", "职工人数", "会员人数", "覆盖职工人数", "团队人数", "批次", "年份", "创新课题",
            "解决技术难题", "技术改造", "授权专利", "发明专利", "培训人次", "提升技术等级人数", "手机号"}
TEXT_CELL_COLS = {"身份证号", "领衔人身份证号", "统一社会信用代码", "凭证号"}

AREAS = {"320202", "320205", "320206", "320211", "320213", "320214", "320281", "320282"}
DISTRICTS = {"梁溪区", "锡山区", "惠山区", "滨湖区", "新吴区", "江阴市", "宜兴市"}
MODEL = {"全国劳动模范": 4, "全国先进工作者": 4, "全国劳模": 4,
         "省劳动模范": 3, "省部级劳动模范": 3, "省先进工作者": 3, "省劳模": 3, "省(部)级劳模": 3, "江苏省劳动模范": 3,
         "市劳动模范": 2, "市先进工作者": 2, "市劳模": 2, "区劳动模范": 1, "县劳动模范": 1, "区劳模": 1,
         "江阴市劳动模范": 1}  # a county-level city's title is county level
OPEN = {"江苏工匠", "巾帼标兵"}  # the open vocabulary: kept, no model treatment
MEDAL = {"全国五一劳动奖章": 4, "省五一劳动奖章": 3, "市五一劳动奖章": 2}
LEVEL_NAME = {4: "national", 3: "provincial", 2: "city", 1: "district"}
CATS = [("honor_allowance", "劳模荣誉津贴", 10000), ("living_subsidy", "劳模生活补助", 10000),
        ("hardship_aid", "困难帮扶", 20000), ("festival_condolence", "春节慰问", 5000),
        ("education_aid", "金秋助学", 10000), ("medical_aid", "医疗互助", 250000),
        ("recuperation", "疗休养", 10000), ("health_check", "体检", 5000), ("summer_cooling", "送清凉", 1000),
        ("innovation_award", "创新成果奖励", 100000), ("studio_subsidy", "工作室补贴", None)]
CAT_BY_TEXT = {}
for code, label, _ in CATS:
    CAT_BY_TEXT[code] = CAT_BY_TEXT[label] = code
CEILING = {code: cap for code, _, cap in CATS}
TRUE = {"是", "有", "√", "Y", "y", "yes", "true", "1"}
FALSE = {"否", "无", "×", "N", "n", "no", "false", "0"}
STUDIO_LEVELS = ["区级", "市级", "市级示范性", "省级示范性", "全国"]

failures = []


def fail(msg):
    failures.append(msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


# --- validators ------------------------------------------------------------------------------

def id_ok(s):
    if not re.fullmatch(r"\d{17}[\dX]", s):
        return False
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * k for c, k in zip(s, w)) % 11] == s[17]


def id_birth(s):
    return dt.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))


def uscc_ok(s):
    cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    if len(s) != 18 or any(c not in cs for c in s):
        return False
    return cs[(31 - sum(cs.index(c) * k for c, k in zip(s, w)) % 31) % 31] == s[17]


def parse_date(v):
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    m = re.fullmatch(r"(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日)", v.strip())
    if not m:
        raise ValueError("not a date: %r" % v)
    y, a, b, c, d = m.groups()
    return dt.date(int(y), int(a or c), int(b or d))


def norm(col, v):
    """One cell, normalised so that the three formats compare equal."""
    if v is None or (isinstance(v, str) and v.strip() == ""):
        return ""
    if col in DATE_COLS:
        return parse_date(v).isoformat()
    if col in DEC_COLS and not (isinstance(v, str) and re.search(r"[^\d.,¥-]", v)):
        d = Decimal(repr(v)) if isinstance(v, float) else Decimal(str(v).replace(",", "").replace("¥", ""))
        return format(d.normalize(), "f")
    if col in INT_COLS and not (isinstance(v, str) and re.search(r"[^\d年]", v)):
        if isinstance(v, float):
            check(v == int(v), "%s: non-integral %r" % (col, v))
        return str(int(str(int(v)) if not isinstance(v, str) else v.rstrip("年")))
    return str(v).strip()


# --- readers ---------------------------------------------------------------------------------

def split_table(kind, rows, where):
    """rows: list of lists of raw values. Returns (title rows, header, data rows, total row)."""
    cols = [c.rstrip("*") for c in SPEC[kind].split()]
    required = {c.rstrip("*") for c in SPEC[kind].split() if c.endswith("*")}
    hdr_idx = None
    for i, row in enumerate(rows[:10]):
        cells = {str(c).strip() for c in row if c not in (None, "")}
        if required <= cells:
            hdr_idx = i
            break
    if not check(hdr_idx is not None, "%s: no header row in the first 10 rows" % where):
        return [], [], [], None
    header = [str(c).strip() if c is not None else "" for c in rows[hdr_idx]]
    while header and header[-1] == "":
        header.pop()
    extra = [h for h in header if h not in cols and h != "序号"]
    check(not extra, "%s: headers not in SPEC §5: %s" % (where, extra))
    check("序号" not in header or header.index("序号") == 0, "%s: 序号 must lead" % where)
    check(len(set(header)) == len(header), "%s: duplicate headers" % where)
    missing = [c for c in cols if c not in header]
    check(not missing, "%s: SPEC columns not used: %s" % (where, missing))
    data, total = [], None
    body = rows[hdr_idx + 1:]
    for j, row in enumerate(body):
        vals = list(row[:len(header)]) + [None] * (len(header) - len(row))
        if all(v in (None, "") for v in vals):
            continue
        first = next(str(v).strip() for v in vals if v not in (None, ""))
        if first in ("合计", "总计"):
            check(all(all(v in (None, "") for v in r) for r in body[j + 1:]), "%s: 合计 is not last" % where)
            total = vals
            break
        data.append(dict(zip(header, vals)))
    return rows[:hdr_idx], header, data, total


def read_csv(kind, sub, enc):
    path = os.path.join(HERE, sub, kind + ".csv")
    raw = open(path, "rb").read()
    check(b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "%s: not CRLF throughout" % path)
    if enc == "utf-8-sig":
        check(raw.startswith(b"\xef\xbb\xbf"), "%s: no BOM" % path)
    else:
        check(not raw.startswith(b"\xef\xbb\xbf"), "%s: has a BOM" % path)
        try:
            raw.decode("utf-8")
            fail("%s: decodes as UTF-8, expected GBK" % path)
        except UnicodeDecodeError:
            pass
    text = raw.decode(enc)
    return text, list(csv.reader(io.StringIO(text, newline="")))


def read_xlsx(kind):
    path = os.path.join(HERE, "xlsx", kind + ".xlsx")
    wb = load_workbook(path)
    check(wb.sheetnames == [SHEETS[kind]], "%s: sheets %s" % (path, wb.sheetnames))
    ws = wb.worksheets[0]
    cells = [list(r) for r in ws.iter_rows()]
    return path, [[c.value for c in r] for r in cells], cells


def load(kind):
    utf_text, utf_rows = read_csv(kind, "csv", "utf-8-sig")
    gbk_text, gbk_rows = read_csv(kind, "gbk", "gbk")
    check(utf_text == gbk_text, "%s: GBK and UTF-8 CSV differ in content" % kind)
    xpath, x_rows, x_cells = read_xlsx(kind)
    t1, h1, d1, tot1 = split_table(kind, utf_rows, "csv/%s.csv" % kind)
    t3, h3, d3, tot3 = split_table(kind, x_rows, xpath)
    check(h1 == h3, "%s: headers differ between CSV and XLSX" % kind)
    check(len(t1) == len(t3), "%s: title rows differ" % kind)
    if kind != "studio-results":
        check(len(t1) >= 1 and str(t1[0][0]).strip(), "%s: no title row above the header" % kind)
    check((tot1 is None) == (tot3 is None), "%s: 合计 row in one format only" % kind)
    check(len(d1) == len(d3), "%s: %d CSV rows vs %d XLSX rows" % (kind, len(d1), len(d3)))
    for i, (a, b) in enumerate(zip(d1, d3)):
        for col in h1:
            na, nb = norm(col, a[col]), norm(col, b[col])
            check(na == nb, "%s row %d col %s: CSV %r vs XLSX %r" % (kind, i + 1, col, a[col], b[col]))
    if tot1:
        check([norm(c, v) for c, v in zip(h1, tot1)] == [norm(c, v) for c, v in zip(h1, tot3)],
              "%s: 合计 rows differ" % kind)
    # XLSX cell types
    hdr_row = next(i for i, r in enumerate(x_rows) if [str(v).strip() if v is not None else "" for v in r][:len(h3)] == h3)
    for r in x_cells[hdr_row + 1:]:
        for col, c in zip(h3, r):
            if c.value is None:
                continue
            if str(r[0].value).strip() in ("合计", "总计"):
                continue
            if col in TEXT_CELL_COLS:
                check(c.data_type == "s" and c.number_format == "@",
                      "%s %s: %s not a text cell (%s, %s)" % (xpath, c.coordinate, col, c.data_type, c.number_format))
            if col in DATE_COLS:
                check(c.is_date and c.number_format == "yyyy-mm-dd",
                      "%s %s: %s not a date cell" % (xpath, c.coordinate, col))
            if col in DEC_COLS:
                check(isinstance(c.value, (int, float)), "%s %s: %s not a number" % (xpath, c.coordinate, col))
    rows = [{col: norm(col, r[col]) for col in h1} for r in d1]
    return dict(header=h1, rows=rows, total=tot1, titles=t1)


# --- load everything -------------------------------------------------------------------------

T = {k: load(k) for k in KINDS}


def d(s):
    return dt.date.fromisoformat(s) if s else None


def truthy(s):
    check(s == "" or s in TRUE or s in FALSE, "boolean value %r" % s)
    return s in TRUE


# people
people = {}
honours = defaultdict(list)  # id -> [(title, level, kind, year)]
personal = ["姓名", "性别", "出生日期", "手机号", "工作单位", "所属地区", "状态", "退休日期", "去世日期"]
for r in T["people"]["rows"]:
    i = r["身份证号"]
    if not check(id_ok(i), "people: bad ID %s" % i):
        continue
    check(i[:6] in AREAS, "people: area code %s" % i)
    b = id_birth(i)
    check(dt.date(1955, 1, 1) <= b <= dt.date(2000, 12, 31), "people: birth %s" % i)
    check(r["出生日期"] == b.isoformat(), "people: 出生日期 vs ID %s" % i)
    check(r["性别"] == ("男" if int(i[16]) % 2 else "女"), "people: 性别 vs ID %s" % i)
    check(r["手机号"] == "" or re.fullmatch(r"1[3-9]\d{9}", r["手机号"]), "people: mobile %s" % r["手机号"])
    check(r["所属地区"] in DISTRICTS, "people: district %s" % r["所属地区"])
    st = r["状态"]
    check(st in ("在职", "退休", "去世"), "people: status %s" % st)
    check((st == "退休") <= bool(r["退休日期"]) and (st == "去世") == bool(r["去世日期"])
          and (st != "在职" or not r["退休日期"]), "people: status dates %s" % i)
    if i in people:
        check(all(people[i][c] == r[c] for c in personal), "people: two rows of %s differ" % i)
    people[i] = r
    t = r["荣誉称号"]
    check(t in MODEL or t in MEDAL or t in OPEN, "people: unknown title %s" % t)
    if t in OPEN or r["取消称号日期"]:
        continue
    honours[i].append((t, MODEL.get(t) or MEDAL.get(t), "model" if t in MODEL else "medal", int(r["获评年份"])))
check(T["people"]["total"] is not None and str(T["people"]["total"][0]).strip() == "合计", "people: no 合计 row")
check(T["people"]["titles"][0][0] == "2025年无锡市劳模花名册", "people: title row")


def model_level(i, year):
    return max([lv for t, lv, k, y in honours.get(i, []) if k == "model" and y <= year], default=0)


def medal_level(i, year):
    return max([lv for t, lv, k, y in honours.get(i, []) if k == "medal" and y <= year], default=0)


def alive(i, on):
    p = people.get(i)
    return not (p and p["去世日期"] and d(p["去世日期"]) < on)


# enterprises
ents = {}
for r in T["enterprises"]["rows"]:
    c = r["统一社会信用代码"]
    check(uscc_ok(c) and c.startswith("913202"), "enterprises: bad code %s" % c)
    check(c not in ents, "enterprises: duplicate %s" % c)
    check(r["所属地区"] in DISTRICTS, "enterprises: district")
    u = truthy(r["是否建会"])
    check(u == bool(r["会员人数"]), "enterprises: members vs union %s" % r["企业名称"])
    if u:
        check(int(r["会员人数"]) <= int(r["职工人数"]), "enterprises: members > employees")
    for col in ("世界500强", "女职工专项合同", "职工董事监事", "厂务公开"):
        truthy(r[col])
    ents[c] = r
ent_by_name = {r["企业名称"]: c for c, r in ents.items()}
check(len(set(r["企业名称"] for r in ents.values())) == len(ents), "enterprises: duplicate names")

# agreements
agreements = T["agreements"]["rows"]
for a in agreements:
    c = a["统一社会信用代码"]
    if not check(c in ents, "agreements: unknown code %s" % c):
        continue
    check(a["企业名称"] == ents[c]["企业名称"], "agreements: name mismatch %s" % c)
    check(truthy(ents[c]["是否建会"]), "agreements: enterprise without union %s" % c)
    s, e, x = d(a["签订日期"]), d(a["生效日期"]), d(a["到期日期"])
    check(s <= e < x and 360 <= (x - e).days <= 3 * 366, "agreements: dates %s" % a)
    check(int(a["覆盖职工人数"]) <= int(ents[c]["职工人数"]), "agreements: covered > employees")
    check(a["协商形式"] in ("单独", "区域性", "行业性"), "agreements: form")
    check(0 < Decimal(a["工资增幅(%)"]) < 20, "agreements: increase")
keys = [(a["统一社会信用代码"], a["生效日期"]) for a in agreements]
check(len(keys) == len(set(keys)), "agreements: duplicate (code, effective) pair")

# hardship
hardship = defaultdict(list)
hardship_names = {}
for r in T["hardship"]["rows"]:
    i = r["身份证号"]
    check(id_ok(i) and i[:6] in AREAS, "hardship: bad ID %s" % i)
    if i in people:
        check(people[i]["姓名"] == r["姓名"], "hardship: name differs from roster %s" % i)
    check(r["困难类型"] in ("深度困难", "相对困难", "意外致困"), "hardship: type")
    check(not r["脱困日期"] or r["脱困日期"] > r["建档日期"], "hardship: closed before opened")
    hardship[i].append((d(r["建档日期"]), d(r["脱困日期"])))
    hardship_names[i] = r["姓名"]


def add_months(day, n):
    m = day.month - 1 + n
    y, m = day.year + m // 12, m % 12 + 1
    import calendar
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def hardship_ok(i, on, grace=12):
    return any(o <= on and (c is None or on <= add_months(c, grace)) for o, c in hardship.get(i, []))


# studios
studios = {}
namings = defaultdict(list)  # name -> [(level, date, batch)]
studio_cols = ["类型", "领衔人", "领衔人身份证号", "所属单位", "统一社会信用代码", "所属地区", "成立日期", "团队人数",
               "有劳模", "有团队", "有场所", "有制度", "有经费", "有计划", "有活动", "有成效"]
for r in T["studios"]["rows"]:
    n = r["工作室名称"]
    if n in studios:
        check(all(studios[n][c] == r[c] for c in studio_cols), "studios: rows of %s differ" % n)
    studios[n] = r
    if r["命名级别"]:
        check(r["命名级别"] in STUDIO_LEVELS and r["命名日期"] and r["批次"], "studios: naming %s" % n)
        namings[n].append((r["命名级别"], d(r["命名日期"]), int(r["批次"])))
for n, r in studios.items():
    i = r["领衔人身份证号"]
    check(id_ok(i) and i in people and people[i]["姓名"] == r["领衔人"], "studios: leader %s not on roster" % n)
    check(people.get(i, {}).get("工作单位") == r["所属单位"], "studios: leader's unit is not the host %s" % n)
    if r["统一社会信用代码"]:
        check(ents.get(r["统一社会信用代码"], {}).get("企业名称") == r["所属单位"], "studios: host code %s" % n)
        check(ents[r["统一社会信用代码"]]["所属地区"] == r["所属地区"], "studios: district %s" % n)
    check(r["类型"] in ("劳模创新工作室", "职工创新工作室", "工匠创新工作室"), "studios: kind")
    crit = {c: truthy(r[c]) for c in studio_cols[8:]}
    need = [c for c in crit if not (r["类型"] != "劳模创新工作室" and c == "有劳模")]
    if r["类型"] == "劳模创新工作室":
        check(model_level(i, 9999) or medal_level(i, 9999), "studios: model studio leader without title %s" % n)
    founded = d(r["成立日期"])
    for level, date, batch in namings[n]:
        check(date > founded, "studios: named before founding %s" % n)
        check(all(crit[c] for c in need), "studios: named without 八有 %s" % n)
        if level == "市级":
            check(int(r["团队人数"]) >= 5, "studios: city naming with team < 5 %s" % n)
            check(date.year % 2 == 0 and 2014 <= date.year <= 2024 and batch == (date.year - 2012) // 2,
                  "studios: city batch/date %s" % n)
            if r["类型"] == "劳模创新工作室":
                check(model_level(i, date.year) >= 2 or medal_level(i, date.year) >= 3,
                      "studios: city naming without city+ title or provincial medal %s" % n)
        if level == "市级示范性":
            city = [dd for lv, dd, _ in namings[n] if lv == "市级"]
            check(date.year % 2 == 0 and city and add_months(min(city), 24) <= date,
                  "studios: demo naming %s" % n)
check(sum(1 for r in studios.values() if r["团队人数"] == "4") == 1, "studios: one team of 4")
check(sum(1 for r in studios.values() if r["有经费"] in FALSE) == 1, "studios: one without 有经费")

# studio results
results = {}
for r in T["studio-results"]["rows"]:
    check(r["工作室名称"] in studios, "results: unknown studio %s" % r["工作室名称"])
    check(int(r["发明专利"]) <= int(r["授权专利"]), "results: inventions > patents")
    check(r["年份"] in ("2023", "2024", "2025"), "results: year")
    k = (r["工作室名称"], int(r["年份"]))
    check(k not in results, "results: duplicate %s" % (k,))
    results[k] = r

# payouts
payouts = []
vouchers = Counter()
for r in T["payouts"]["rows"]:
    i = r["身份证号"]
    check(id_ok(i) and i[:6] in AREAS, "payouts: bad ID %s" % i)
    known = people.get(i, {}).get("姓名") or hardship_names.get(i)
    check(known == r["姓名"], "payouts: %s %s not on roster or hardship files" % (i, r["姓名"]))
    code = CAT_BY_TEXT.get(r["类别"])
    check(code is not None, "payouts: category %s" % r["类别"])
    amt = Decimal(r["金额(元)"])
    check(amt > 0 and amt == amt.quantize(Decimal("0.01")), "payouts: amount %s" % amt)
    check(code != "studio_subsidy" and amt <= CEILING[code], "payouts: over the ceiling %s %s" % (code, amt))
    on = d(r["发放日期"])
    check(dt.date(2025, 1, 1) <= on <= TODAY, "payouts: date %s" % on)
    if r["凭证号"]:
        vouchers[r["凭证号"]] += 1
    payouts.append(dict(id=i, code=code, amount=amt, on=on, voucher=r["凭证号"], row=r))
check(all(n == 1 for n in vouchers.values()), "payouts: voucher used twice")
blank = [tuple(sorted((k, v) for k, v in p["row"].items() if k != "序号")) for p in payouts if not p["voucher"]]
check(len(blank) == len(set(blank)), "payouts: identical rows without voucher")
tot = T["payouts"]["total"]
check(tot is not None and Decimal(norm("金额(元)", tot[T["payouts"]["header"].index("金额(元)")])) ==
      sum(p["amount"] for p in payouts), "payouts: 合计 amount")
seen = defaultdict(list)
for p in payouts:
    i, on, code = p["id"], p["on"], p["code"]
    check(alive(i, on), "rule 1: %s paid on %s after death" % (i, on))
    if code == "honor_allowance":
        pr = people.get(i)
        check(pr and model_level(i, on.year) >= 3 and pr["退休日期"] and d(pr["退休日期"]) <= on,
              "rule 2: honour allowance to %s" % i)
    if code in ("festival_condolence", "education_aid", "health_check"):
        check((i, on.year) not in seen[code], "rule 3: %s twice in %d for %s" % (code, on.year, i))
        seen[code].append((i, on.year))
    if code == "recuperation":
        check(all(abs(on.year - y) >= 3 for j, y in seen[code] if j == i), "rule 3: recuperation %s" % i)
        seen[code].append((i, on.year))
    if code in ("hardship_aid", "education_aid"):
        check(hardship_ok(i, on), "rule 4: %s to %s on %s without a hardship file" % (code, i, on))
outsiders = {p["id"] for p in payouts if p["id"] not in people}
check(1 <= len(outsiders) <= 2, "payouts: %d recipients off the roster" % len(outsiders))
check(any(p["row"]["类别"] in CAT_BY_TEXT and p["row"]["类别"].isascii() for p in payouts), "payouts: no code")

# cross-file name consistency
for i, n in hardship_names.items():
    if i in people:
        check(people[i]["姓名"] == n, "hardship name %s" % i)

# --- figures ---------------------------------------------------------------------------------


def figures(Y):
    end, start = dt.date(Y, 12, 31), dt.date(Y, 1, 1)
    f = {}
    living = [i for i in people if alive(i, end + dt.timedelta(days=1))]
    lv = Counter(model_level(i, Y) for i in living)
    for k, name in LEVEL_NAME.items():
        f["models." + name] = lv[k]
    f["models.total"] = sum(lv[k] for k in (1, 2, 3, 4))
    f["models.city_and_above"] = lv[2] + lv[3] + lv[4]
    f["models.new"] = sum(1 for i in living if model_level(i, Y) and not model_level(i, Y - 1))
    f["models.retired"] = sum(1 for i in living if model_level(i, Y) and people[i]["退休日期"]
                              and d(people[i]["退休日期"]) <= end)
    md = Counter(medal_level(i, Y) for i in living)
    for k in (4, 3, 2):
        f["medals." + LEVEL_NAME[k]] = md[k]
    cur = Counter()
    for n in studios:
        done = [STUDIO_LEVELS.index(lvl) for lvl, dd, _ in namings[n] if dd <= end]
        cur[STUDIO_LEVELS[max(done)] if done else "未命名"] += 1
    for lvl in STUDIO_LEVELS + ["未命名"]:
        f["studios." + lvl] = cur[lvl]
    for lvl in STUDIO_LEVELS[:4]:
        f["studios.named." + lvl] = sum(1 for n in studios for l2, dd, _ in namings[n] if l2 == lvl and dd.year == Y)
        f["studios.batches." + lvl] = len({b for n in studios for l2, dd, b in namings[n] if l2 == lvl and dd <= end})
    cols = ["创新课题", "解决技术难题", "技术改造", "授权专利", "发明专利", "培训人次", "提升技术等级人数"]
    for c in cols:
        f["studios.results." + c] = sum(int(r[c]) for (n, y), r in results.items() if y == Y)
    f["studios.results.经济效益(万元)"] = str(sum(Decimal(r["经济效益(万元)"]) for (n, y), r in results.items() if y == Y))
    union = [c for c, e in ents.items() if truthy(e["是否建会"])]
    f["enterprises.total"] = len(ents)
    f["enterprises.with_union"] = len(union)
    inforce = defaultdict(list)
    for a in agreements:
        if d(a["生效日期"]) <= end and d(a["到期日期"]) >= start and a["统一社会信用代码"] in union:
            inforce[a["统一社会信用代码"]].append(a)
    f["agreements.enterprises"] = len(inforce)
    f["agreements.coverage_rate"] = "%.1f" % (100 * len(inforce) / len(union))
    f["agreements.workers_covered(latest per enterprise)"] = sum(
        int(max(v, key=lambda a: a["生效日期"])["覆盖职工人数"]) for v in inforce.values())
    f["agreements.workers_covered(sum of all in force)"] = sum(int(a["覆盖职工人数"]) for v in inforce.values() for a in v)
    f["enterprises.fortune500"] = sum(1 for e in ents.values() if truthy(e["世界500强"]))
    f["agreements.fortune500"] = sum(1 for c in inforce if truthy(ents[c]["世界500强"]))
    f["women_contract.rate(of with_union)"] = "%.1f" % (100 * sum(1 for c in union if truthy(ents[c]["女职工专项合同"])) / len(union))
    for code, label, _ in CATS:
        ps = [p for p in payouts if p["code"] == code and p["on"].year == Y]
        f["payouts.%s.count" % code] = len(ps)
        f["payouts.%s.people" % code] = len({p["id"] for p in ps})
        f["payouts.%s.amount" % code] = "%.2f" % sum(p["amount"] for p in ps)
    ps = [p for p in payouts if p["on"].year == Y]
    f["payouts.total.count"] = len(ps)
    f["payouts.total.people"] = len({p["id"] for p in ps})
    f["payouts.total.amount"] = "%.2f" % sum(p["amount"] for p in ps)
    files = [(i, o, c, r) for i, lst in hardship.items() for o, c in lst
             for r in [x for x in T["hardship"]["rows"] if x["身份证号"] == i and d(x["建档日期"]) == o]]
    openf = [r for i, o, c, r in files if o <= end and (c is None or c > end)]
    f["hardship.open"] = len(openf)
    f["hardship.opened"] = sum(1 for i, o, c, r in files if o.year == Y)
    f["hardship.closed"] = sum(1 for i, o, c, r in files if c and c.year == Y)
    for t, k in (("深度困难", "deep"), ("相对困难", "relative"), ("意外致困", "accident")):
        f["hardship.open." + k] = sum(1 for r in openf if r["困难类型"] == t)
    return f


if "--quiet" not in sys.argv:
    for kind in KINDS:
        print("%-15s %4d data rows%s" % (kind, len(T[kind]["rows"]), "  + 合计 row" if T[kind]["total"] else ""))
    print("people: %d persons, %d honour rows; hardship-only recipients of payouts: %d"
          % (len(people), len(T["people"]["rows"]), len(outsiders)))
    f25, f26 = figures(2025), figures(2026)
    print("\n%-52s %12s %12s" % ("figure (as of 31 Dec)", "2025", "2026"))
    for k in f25:
        print("%-52s %12s %12s" % (k, f25[k], f26[k]))
    soon = [a for a in agreements if TODAY < d(a["到期日期"]) <= TODAY + dt.timedelta(days=60)]
    print("\nagreements expiring within 60 days of %s: %s" % (
        TODAY, ", ".join("%s (%s)" % (a["企业名称"], a["到期日期"]) for a in soon)))

if failures:
    print("\n%d problem(s):" % len(failures))
    for m in failures:
        print("  " + m)
    sys.exit(1)
print("\nall checks passed")
