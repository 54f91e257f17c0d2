#!/usr/bin/env python3
"""Generate the example spreadsheets in examples/ for `union import` and `union demo`.

Requires Python 3.8+ and openpyxl (``pip install openpyxl``); nothing else outside the
standard library. Run from the repository root:

    python3 examples/generate.py        # rewrites examples/csv, examples/gbk, examples/xlsx
    python3 examples/check.py           # re-reads every file and checks it (optional)

The output is deterministic: the same script writes byte-identical files on every run (fixed
random seed, fixed workbook timestamps), so the committed files only change when the data does.

Each record kind is written three times with the same content:
  csv/NAME.csv   UTF-8 with BOM, CRLF  (what Excel's "CSV UTF-8" saves)
  gbk/NAME.csv   GBK, no BOM, CRLF     (what Excel's plain "CSV" saves on Chinese Windows)
  xlsx/NAME.xlsx one sheet; ID numbers and credit codes as text cells (format "@"), money as
                 numbers, dates as real date cells (format yyyy-mm-dd)

All people, companies, ID numbers, credit codes and mobile numbers are fictitious; the ID numbers
and credit codes carry correct check characters (GB 11643 / GB 32100) so that they validate.
"""

import csv
import datetime as dt
import io
import os
import random
import re
import zipfile
from decimal import Decimal

try:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
except ImportError:  # pragma: no cover
    raise SystemExit("examples/generate.py needs openpyxl: pip install openpyxl")

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20251231
FIXED_TIME = dt.datetime(2025, 12, 31, 9, 0, 0)
D = dt.date

# ---------------------------------------------------------------------------------------------
# Check characters
# ---------------------------------------------------------------------------------------------

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def id_check_char(first17):
    """GB 11643-1999 / ISO 7064 MOD 11-2."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc_check_char(first17):
    """GB 32100-2015."""
    s = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - s % 31) % 31]


ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_check_char(body8):
    """GB 11714 organisation code check character (the 9th char of the code inside a USCC)."""
    val = lambda c: int(c) if c.isdigit() else ord(c) - ord("A") + 10
    c = 11 - sum(val(ch) * w for ch, w in zip(body8, ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


rng = random.Random(SEED)

# ---------------------------------------------------------------------------------------------
# Enterprises
# ---------------------------------------------------------------------------------------------

DISTRICT_CODE = {  # area code used in credit codes
    "梁溪区": "320213", "锡山区": "320205", "惠山区": "320206", "滨湖区": "320211",
    "新吴区": "320214", "江阴市": "320281", "宜兴市": "320282",
}

# key, name, district, industry, ownership, employees, has union, members, fortune500,
# women's contract, employee directors, open affairs, registered after 2015 (new-style org code)
ENTERPRISES = [
    ("E01", "无锡锡华精密机械有限公司", "梁溪区", "制造业", "民营", 860, "是", 812, "否", "是", "是", "是", False),
    ("E02", "无锡市梁溪城建工程有限公司", "梁溪区", "建筑业", "国有", 1420, "是", 1398, "否", "是", "是", "是", False),
    ("E03", "无锡运河智能科技有限公司", "梁溪区", "信息技术", "民营", 186, "是", 150, "否", "否", "无", "有", True),
    ("E04", "无锡惠泽公共交通有限公司", "梁溪区", "交通运输业", "国有", 3260, "是", 3198, "否", "是", "是", "√", False),
    ("E05", "无锡市民生燃气有限公司", "梁溪区", "电力燃气供应", "国有", 940, "是", 935, "否", "是", "是", "是", False),
    ("E06", "无锡梁溪餐饮服务有限公司", "梁溪区", "住宿和餐饮业", "民营", 38, "否", None, "否", "", "", "无", True),
    ("E07", "无锡锡山纺织印染有限公司", "锡山区", "制造业", "民营", 520, "是", 470, "否", "有", "无", "有", False),
    ("E08", "无锡东港特种电缆有限公司", "锡山区", "制造业", "民营", 690, "是", 655, "否", "是", "是", "是", False),
    ("E09", "无锡德瑞汽车零部件有限公司", "锡山区", "制造业", "外资", 2150, "是", 2010, "是", "是", "是", "√", False),
    ("E10", "无锡锡东日化有限公司", "锡山区", "制造业", "港澳台", 310, "是", 288, "否", "否", "否", "是", False),
    ("E11", "无锡惠山新能源装备有限公司", "惠山区", "制造业", "民营", 1080, "是", 1002, "否", "是", "是", "有", True),
    ("E12", "无锡玉祁金属制品有限公司", "惠山区", "制造业", "民营", 260, "是", 231, "否", "有", "无", "有", False),
    ("E13", "无锡太湖湾旅游发展有限公司", "滨湖区", "住宿和餐饮业", "国有", 430, "是", 425, "否", "是", "是", "是", False),
    ("E14", "无锡蠡湖生物医药有限公司", "滨湖区", "制造业", "民营", 380, "是", 352, "否", "是", "否", "√", True),
    ("E15", "无锡马山建设工程有限公司", "滨湖区", "建筑业", "民营", 95, "否", None, "否", "", "", "否", False),
    ("E16", "无锡新吴微电子有限公司", "新吴区", "信息技术", "民营", 540, "是", 498, "否", "是", "有", "有", True),
    ("E17", "无锡华芯半导体封装测试有限公司", "新吴区", "制造业", "港澳台", 1760, "是", 1655, "否", "是", "是", "是", False),
    ("E18", "凯斯精工（无锡）有限公司", "新吴区", "制造业", "外资", 1230, "是", 1150, "是", "是", "是", "是", False),
    ("E19", "雅泰电子（无锡）有限公司", "新吴区", "制造业", "外资", 2880, "是", 2700, "是", "是", "否", "√", False),
    ("E20", "无锡硕放物流有限公司", "新吴区", "交通运输业", "民营", 240, "是", 205, "否", "否", "无", "无", True),
    ("E21", "江阴华澄金属材料有限公司", "江阴市", "制造业", "民营", 1350, "是", 1280, "否", "是", "是", "是", False),
    ("E22", "江阴长江纺织服装有限公司", "江阴市", "制造业", "民营", 980, "是", 920, "否", "是", "有", "有", False),
    ("E23", "江阴港城化工有限公司", "江阴市", "制造业", "国有", 620, "是", 600, "否", "是", "是", "是", False),
    ("E24", "宜兴丁蜀陶瓷工艺有限公司", "宜兴市", "制造业", "民营", 150, "是", 138, "否", "无", "无", "有", False),
    ("E25", "宜兴环科水处理设备有限公司", "宜兴市", "制造业", "民营", 420, "是", 395, "否", "是", "否", "是", True),
    ("E26", "宜兴东氿建筑安装有限公司", "宜兴市", "建筑业", "民营", 64, "否", None, "否", "", "", "无", True),
]

ORG_NEW_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_uscc(area, new_style, used):
    while True:
        if new_style:
            body = "MA" + "".join(rng.choice(ORG_NEW_CHARS) for _ in range(6))
        else:
            body = rng.choice("1237") + "".join(rng.choice("0123456789") for _ in range(7))
        first17 = "91" + area + body + org_check_char(body)
        code = first17 + uscc_check_char(first17)
        if code not in used:
            used.add(code)
            return code


ENT = {}
_used_codes = set()
for (key, name, district, industry, own, emp, union, members, f500, women, dirs, openness, new) in ENTERPRISES:
    ENT[key] = dict(key=key, name=name, district=district, industry=industry, ownership=own,
                    employees=emp, union=union, members=members, f500=f500, women=women,
                    directors=dirs, openness=openness,
                    code=make_uscc(DISTRICT_CODE[district], new, _used_codes))

# ---------------------------------------------------------------------------------------------
# People (the labour-model roster) and hardship-only workers
# ---------------------------------------------------------------------------------------------

BODY = {
    "全国劳动模范": "国务院", "全国五一劳动奖章": "中华全国总工会",
    "省劳动模范": "江苏省人民政府", "省劳模": "江苏省人民政府", "江苏省劳动模范": "江苏省人民政府",
    "省先进工作者": "江苏省人民政府", "省五一劳动奖章": "江苏省总工会",
    "省部级劳动模范": "人力资源社会保障部、中国机械工业联合会",
    "市劳动模范": "无锡市人民政府", "市劳模": "无锡市人民政府", "市先进工作者": "无锡市人民政府",
    "市五一劳动奖章": "无锡市总工会",
    "江阴市劳动模范": "江阴市人民政府", "江苏工匠": "江苏省总工会", "巾帼标兵": "无锡市妇女联合会",
}
DISTRICT_GOV = {"梁溪区": "梁溪区人民政府", "锡山区": "锡山区人民政府", "惠山区": "惠山区人民政府",
                "滨湖区": "滨湖区人民政府", "新吴区": "新吴区人民政府"}

# key, name, sex, birth, ID area code, district, work unit (enterprise key or free text),
# status, retired on, died on, honours [(title as written in the sheet, year awarded)]
PEOPLE = [
    # national
    ("P01", "周建华", "男", D(1962, 3, 15), "320202", "梁溪区", "E04", "退休", D(2022, 3, 31), None,
     [("全国劳动模范", 2010), ("省劳动模范", 2006)]),
    ("P02", "顾秀英", "女", D(1968, 7, 22), "320281", "江阴市", "E22", "退休", D(2018, 7, 31), None,
     [("全国劳动模范", 2015), ("全国五一劳动奖章", 2012)]),
    ("P03", "陆伟", "男", D(1975, 11, 3), "320211", "新吴区", "E16", "在职", None, None,
     [("全国劳动模范", 2025), ("省劳模", 2018)]),
    # provincial
    ("P04", "钱国平", "男", D(1958, 5, 9), "320202", "梁溪区", "E02", "退休", D(2018, 5, 31), None,
     [("省劳动模范", 2004)]),
    ("P05", "王桂芳", "女", D(1963, 9, 18), "320205", "锡山区", "E07", "退休", D(2013, 9, 30), None,
     [("省劳模", 2009)]),
    ("P06", "张志强", "男", D(1960, 12, 1), "320206", "惠山区", "E11", "去世", D(2020, 12, 31), D(2025, 8, 16),
     [("省劳动模范", 2012)]),
    ("P07", "吴丽娟", "女", D(1972, 4, 26), "320202", "梁溪区", "E05", "在职", None, None,
     [("江苏省劳动模范", 2021), ("市劳动模范", 2015)]),
    ("P08", "孙浩", "男", D(1980, 8, 8), "320211", "新吴区", "E17", "在职", None, None,
     [("省劳动模范", 2021), ("市五一劳动奖章", 2017)]),
    ("P09", "朱红梅", "女", D(1966, 2, 14), "320282", "宜兴市", "E24", "退休", D(2021, 2, 28), None,
     [("省劳模", "2015年")]),
    ("P10", "徐卫东", "男", D(1964, 10, 30), "320281", "江阴市", "E21", "退休", D(2024, 10, 31), None,
     [("省劳动模范", 2009), ("江阴市劳动模范", 2005)]),
    ("P11", "马晓燕", "女", D(1985, 6, 12), "320211", "滨湖区", "无锡市滨湖区湖滨社区卫生服务中心", "在职", None, None,
     [("省先进工作者", 2020), ("巾帼标兵", 2018, D(2024, 5, 6), "评选材料不实")]),
    ("P12", "胡建军", "男", D(1970, 3, 3), "320205", "锡山区", "E08", "在职", None, None,
     [("省劳动模范", 2018), ("江苏工匠", 2023)]),
    ("P13", "高俊", "男", D(1978, 12, 20), "320211", "滨湖区", "E14", "在职", None, None,
     [("省部级劳动模范", 2019)]),
    ("P14", "林志刚", "男", D(1957, 7, 7), "320202", "梁溪区", "E01", "退休", D(2017, 7, 31), None,
     [("江苏省劳动模范", 2006), ("全国五一劳动奖章", 2008)]),
    # city
    ("P15", "陈静", "女", D(1982, 1, 25), "320202", "梁溪区", "E03", "在职", None, None,
     [("市劳动模范", 2019)]),
    ("P16", "杨建新", "男", D(1976, 9, 9), "320202", "梁溪区", "E01", "在职", None, None,
     [("市劳动模范", 2015), ("省五一劳动奖章", 2020)]),
    ("P17", "赵敏", "女", D(1988, 5, 5), "320211", "新吴区", "E16", "在职", None, None,
     [("市劳模", 2022)]),
    ("P18", "黄永明", "男", D(1961, 11, 11), "320206", "惠山区", "E12", "退休", D(2021, 11, 30), None,
     [("市劳动模范", 2009)]),
    ("P19", "刘春华", "女", D(1970, 8, 19), "320202", "梁溪区", "E05", "退休", D(2020, 8, 31), None,
     [("市劳动模范", 2012)]),
    ("P20", "许国强", "男", D(1973, 4, 4), "320281", "江阴市", "E21", "在职", None, None,
     [("市劳动模范", 2015)]),
    ("P21", "沈丽", "女", D(1979, 10, 10), "320282", "宜兴市", "E25", "在职", None, None,
     [("市劳动模范", 2019)]),
    ("P22", "何建平", "男", D(1967, 6, 16), "320211", "滨湖区", "E13", "在职", None, None,
     [("市劳动模范", 2012)]),
    ("P23", "郭晓东", "男", D(1984, 3, 21), "320205", "锡山区", "E09", "在职", None, None,
     [("市劳动模范", 2022)]),
    ("P24", "罗芳", "女", D(1990, 12, 12), "320211", "新吴区", "E19", "在职", None, None,
     [("市劳模", 2025)]),
    ("P25", "梁文杰", "男", D(1986, 7, 30), "320206", "惠山区", "E11", "在职", None, None,
     [("市劳动模范", 2019), ("市五一劳动奖章", 2016)]),
    ("P26", "宋玉兰", "女", D(1959, 4, 14), "320202", "梁溪区", "E04", "去世", D(2009, 4, 30), D(2024, 12, 3),
     [("市劳动模范", 2004)]),
    ("P27", "唐文斌", "男", D(1981, 2, 28), "320213", "梁溪区", "E02", "在职", None, None,
     [("市劳动模范", 2022)]),
    ("P28", "韩雪", "女", D(1987, 11, 8), "320211", "滨湖区", "无锡市滨湖区湖滨实验学校", "在职", None, None,
     [("市先进工作者", 2019)]),
    ("P29", "冯志勇", "男", D(1972, 9, 27), "320282", "宜兴市", "E24", "在职", None, None,
     [("市劳动模范", "2015年")]),
    ("P30", "曹丽华", "女", D(1975, 3, 8), "320205", "锡山区", "E10", "退休", D(2025, 5, 31), None,
     [("市劳模", 2019)]),
    # district
    ("P31", "邓海峰", "男", D(1983, 5, 17), "320202", "梁溪区", "E02", "在职", None, None,
     [("区劳动模范", 2021), ("市五一劳动奖章", 2023)]),
    ("P32", "彭晓梅", "女", D(1991, 8, 23), "320202", "梁溪区", "E03", "在职", None, None,
     [("区劳模", 2024)]),
    ("P33", "蒋立新", "男", D(1969, 1, 9), "320205", "锡山区", "E08", "在职", None, None,
     [("区劳动模范", 2017)]),
    ("P34", "潘婷", "女", D(1996, 4, 2), "320214", "新吴区", "E17", "在职", None, None,
     [("区劳动模范", 2023)]),
    ("P35", "袁志华", "男", D(1968, 12, 25), "320211", "滨湖区", "E13", "在职", None, None,
     [("区劳动模范", 2020)]),
    # medal only
    ("P36", "丁磊", "男", D(1979, 6, 6), "320211", "新吴区", "E18", "在职", None, None,
     [("省五一劳动奖章", 2021)]),
    ("P37", "魏佳", "女", D(1989, 9, 15), "320202", "梁溪区", "E03", "在职", None, None,
     [("市五一劳动奖章", 2023)]),
    ("P38", "薛刚", "男", D(1974, 2, 11), "320281", "江阴市", "E22", "在职", None, None,
     [("全国五一劳动奖章", 2019)]),
    ("P39", "叶琳", "女", D(1984, 12, 30), "320206", "惠山区", "E11", "在职", None, None,
     [("市五一劳动奖章", 2020)]),
    ("P40", "程亮", "男", D(1977, 7, 19), "320282", "宜兴市", "E25", "在职", None, None,
     [("省五一劳动奖章", 2018)]),
]

# Workers with a hardship file who are not on the labour-model roster.
# key, name, sex, birth, area code
OTHERS = [
    ("H01", "李红霞", "女", D(1978, 6, 30), "320202"),
    ("H02", "王建伟", "男", D(1972, 2, 18), "320206"),
    ("H03", "张玉梅", "女", D(1969, 11, 5), "320205"),
    ("H04", "刘强", "男", D(1985, 9, 12), "320211"),
    ("H05", "陈小燕", "女", D(1981, 4, 27), "320281"),
    ("H06", "杨军", "男", D(1976, 12, 8), "320282"),
    ("H07", "赵桂兰", "女", D(1964, 1, 20), "320211"),
]

MOBILE_PREFIXES = ["133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "158", "159",
                   "177", "180", "181", "187", "188", "189", "199"]
_used_ids, _used_mobiles = set(), set()


def make_id(area, birth, sex):
    while True:
        seq = rng.randrange(0, 100) * 10 + rng.choice([1, 3, 5, 7, 9] if sex == "男" else [0, 2, 4, 6, 8])
        first17 = "%s%s%03d" % (area, birth.strftime("%Y%m%d"), seq)
        idn = first17 + id_check_char(first17)
        if idn not in _used_ids:
            _used_ids.add(idn)
            return idn


def make_mobile():
    while True:
        m = rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))
        if m not in _used_mobiles:
            _used_mobiles.add(m)
            return m


PER = {}
for (key, name, sex, birth, area, district, unit, status, retired, died, honours) in PEOPLE:
    PER[key] = dict(key=key, name=name, sex=sex, birth=birth, district=district,
                    id=make_id(area, birth, sex), mobile=make_mobile(),
                    unit=ENT[unit]["name"] if unit in ENT else unit,
                    status=status, retired=retired, died=died, honours=honours)
PER["P26"]["mobile"] = None  # deceased in 2024, number no longer kept
PER["P04"]["mobile"] = None  # retired, no mobile on file
for (key, name, sex, birth, area) in OTHERS:
    PER[key] = dict(key=key, name=name, sex=sex, birth=birth, id=make_id(area, birth, sex),
                    status=None, retired=None, died=None, honours=[])


def honour_body(title, person):
    if title.startswith("区"):
        return DISTRICT_GOV[person["district"]]
    return BODY[title]


# ---------------------------------------------------------------------------------------------
# Hardship files
# ---------------------------------------------------------------------------------------------

# person, type, opened, closed, cause
HARDSHIP = [
    ("P05", "深度困难", D(2021, 6, 10), None, "因病"),
    ("P19", "相对困难", D(2023, 3, 15), D(2026, 2, 28), "因病"),
    ("P33", "意外致困", D(2024, 9, 2), None, "意外事故"),
    ("H01", "相对困难", D(2022, 11, 20), None, "子女教育"),
    ("H02", "深度困难", D(2020, 5, 12), None, "因残"),
    ("H03", "相对困难", D(2019, 8, 1), D(2024, 12, 31), "因病"),
    ("H04", "意外致困", D(2025, 4, 18), None, "意外事故"),
    ("H05", "深度困难", D(2021, 1, 5), None, "因病"),
    ("H06", "相对困难", D(2023, 7, 7), D(2025, 6, 30), "下岗失业"),
    ("H07", "深度困难", D(2018, 10, 10), None, "因病"),
]

# ---------------------------------------------------------------------------------------------
# Wage agreements: enterprise, signed, effective, expires, covered, form, increase %
# ---------------------------------------------------------------------------------------------

AGREEMENTS = [
    ("E01", D(2022, 12, 20), D(2023, 1, 1), D(2024, 12, 31), 790, "单独", "5.0"),
    ("E01", D(2024, 12, 18), D(2025, 1, 1), D(2027, 12, 31), 845, "单独", "5.5"),
    ("E02", D(2024, 3, 8), D(2024, 4, 1), D(2027, 3, 31), 1400, "单独", "4.5"),
    ("E04", D(2021, 12, 28), D(2022, 1, 1), D(2024, 12, 31), 3150, "单独", "4.0"),
    ("E04", D(2024, 12, 26), D(2025, 1, 1), D(2027, 12, 31), 3230, "单独", "4.2"),
    ("E05", D(2025, 2, 20), D(2025, 3, 1), D(2028, 2, 29), 930, "单独", "3.8"),
    ("E07", D(2023, 12, 15), D(2024, 1, 1), D(2026, 12, 31), 500, "单独", "6.0"),
    ("E08", D(2025, 5, 30), D(2025, 6, 1), D(2028, 5, 31), 680, "单独", "5.2"),
    ("E09", D(2023, 6, 20), D(2023, 7, 1), D(2025, 6, 30), 2080, "单独", "6.5"),
    ("E09", D(2025, 6, 25), D(2025, 7, 1), D(2028, 6, 30), 2120, "单独", "5.8"),
    ("E10", D(2025, 3, 10), D(2025, 4, 1), D(2027, 3, 31), 300, "区域性", "4.0"),
    ("E11", D(2024, 6, 18), D(2024, 7, 1), D(2027, 6, 30), 1060, "单独", "7.0"),
    ("E12", D(2022, 6, 20), D(2022, 7, 1), D(2025, 6, 30), 245, "区域性", "3.5"),
    ("E13", D(2023, 9, 20), D(2023, 10, 1), D(2026, 9, 30), 420, "单独", "4.8"),
    ("E14", D(2024, 12, 5), D(2024, 12, 16), D(2026, 12, 15), 370, "单独", "6.2"),
    ("E16", D(2025, 8, 28), D(2025, 9, 1), D(2027, 8, 31), 530, "单独", "8.0"),
    ("E17", D(2024, 1, 12), D(2024, 2, 1), D(2027, 1, 31), 1720, "单独", "5.6"),
    ("E18", D(2025, 6, 20), D(2025, 7, 1), D(2028, 6, 30), 1210, "单独", "6.0"),
    ("E19", D(2022, 12, 16), D(2023, 1, 1), D(2025, 12, 31), 2850, "单独", "5.0"),
    ("E21", D(2024, 4, 26), D(2024, 5, 1), D(2027, 4, 30), 1330, "单独", "4.6"),
    ("E22", D(2025, 1, 10), D(2025, 1, 15), D(2027, 1, 14), 960, "单独", "5.3"),
    ("E24", D(2024, 1, 8), D(2024, 1, 16), D(2027, 1, 15), 145, "行业性", "4.5"),
    ("E25", D(2026, 3, 20), D(2026, 4, 1), D(2029, 3, 31), 410, "单独", "5.9"),
]

# ---------------------------------------------------------------------------------------------
# Studios: key, name, kind, leader, host (enterprise key or free text), founded, team size,
# 八有 flags (有劳模 有团队 有场所 有制度 有经费 有计划 有活动 有成效), namings [(level, date, batch)]
# City batches 1-6: 2014..2024 (even years); city demonstration batches 1-4: 2018..2024;
# provincial demonstration batches 2 and 4: 2019, 2023.
# ---------------------------------------------------------------------------------------------

MODEL_STUDIO, WORKER_STUDIO, CRAFT_STUDIO = "劳模创新工作室", "职工创新工作室", "工匠创新工作室"
ALL8 = "是是是是是是是是"
STUDIOS = [
    ("S01", "周建华劳模创新工作室", MODEL_STUDIO, "P01", "E04", D(2012, 5, 1), 12, ALL8,
     [("市级", D(2014, 4, 28), 1), ("市级示范性", D(2018, 4, 26), 1), ("省级示范性", D(2019, 12, 18), 2)]),
    ("S02", "张志强劳模创新工作室", MODEL_STUDIO, "P06", "E11", D(2013, 3, 18), 9, ALL8,
     [("市级", D(2016, 4, 27), 2)]),
    ("S03", "杨建新劳模创新工作室", MODEL_STUDIO, "P16", "E01", D(2015, 9, 1), 15, ALL8,
     [("市级", D(2018, 4, 26), 3), ("市级示范性", D(2020, 4, 29), 2), ("省级示范性", D(2023, 12, 20), 4)]),
    ("S04", "孙浩劳模创新工作室", MODEL_STUDIO, "P08", "E17", D(2019, 6, 15), 11, ALL8,
     [("市级", D(2022, 4, 27), 5)]),
    ("S05", "丁磊劳模创新工作室", MODEL_STUDIO, "P36", "E18", D(2021, 3, 1), 8, ALL8,
     [("市级", D(2024, 4, 28), 6)]),
    ("S06", "顾秀英劳模创新工作室", MODEL_STUDIO, "P02", "E22", D(2016, 10, 1), 10, ALL8,
     [("市级", D(2018, 4, 26), 3), ("市级示范性", D(2022, 4, 27), 3)]),
    ("S07", "吴丽娟劳模创新工作室", MODEL_STUDIO, "P07", "E05", D(2017, 5, 20), 7, ALL8,
     [("市级", D(2020, 4, 29), 4), ("市级示范性", D(2024, 4, 28), 4)]),
    ("S08", "陈静劳模创新工作室", MODEL_STUDIO, "P15", "E03", D(2020, 8, 8), 6, ALL8,
     [("区级", D(2021, 5, 20), 2), ("市级", D(2022, 4, 27), 5)]),
    ("S09", "邓海峰职工创新工作室", WORKER_STUDIO, "P31", "E02", D(2022, 3, 1), 4, ALL8,
     [("区级", D(2023, 6, 18), 3)]),
    ("S10", "蒋立新工匠创新工作室", CRAFT_STUDIO, "P33", "E08", D(2019, 9, 10), 6, ALL8,
     [("区级", D(2020, 10, 16), 1)]),
    ("S11", "魏佳职工创新工作室", WORKER_STUDIO, "P37", "E03", D(2024, 3, 15), 5, "否是是是是是是是",
     []),
    ("S12", "许国强劳模创新工作室", MODEL_STUDIO, "P20", "E21", D(2023, 5, 1), 7, "是是是是否是是是",
     []),
    ("S13", "韩雪职工创新工作室", WORKER_STUDIO, "P28", "无锡市滨湖区湖滨实验学校", D(2021, 9, 1), 6, ALL8,
     [("区级", D(2025, 6, 20), 3)]),
]
BAYOU = ["有劳模", "有团队", "有场所", "有制度", "有经费", "有计划", "有活动", "有成效"]

# Yearly results: studio -> {year: (topics, problems, improvements, patents, inventions, trained,
# upgraded, benefit 万元)}
RESULTS = {
    "S01": {2023: (6, 9, 5, 4, 1, 120, 18, "86.5"), 2024: (7, 11, 6, 5, 2, 135, 20, "92.3"),
            2025: (6, 10, 4, 3, 1, 110, 15, "78.0")},
    "S02": {2023: (4, 6, 3, 3, 1, 60, 8, "45.6"), 2024: (3, 5, 3, 2, 0, 55, 6, "38.2"),
            2025: (2, 3, 2, 1, 0, 40, 5, "21.5")},
    "S03": {2023: (8, 14, 7, 6, 2, 160, 25, "128.4"), 2024: (9, 15, 8, 7, 3, 172, 28, "146.9"),
            2025: (8, 13, 6, 6, 2, 150, 22, "133.7")},
    "S04": {2023: (5, 7, 4, 3, 0, 60, 10, "52.0"), 2024: (6, 9, 5, 4, 1, 70, 12, "86.5"),
            2025: (6, 8, 5, 3, 1, 60, 11, "45.2")},
    "S05": {2023: (3, 4, 2, 1, 0, 25, 4, "12.8"), 2024: (3, 5, 3, 2, 0, 30, 5, "18.6"),
            2025: (4, 5, 3, 2, 0, 40, 6, "25.3")},
    "S06": {2023: (5, 8, 4, 3, 1, 90, 14, "66.0"), 2024: (5, 7, 5, 4, 1, 95, 13, "71.4"),
            2025: (4, 6, 4, 2, 0, 80, 10, "58.9")},
    "S07": {2023: (4, 6, 5, 2, 1, 85, 12, "56.8"), 2024: (5, 8, 6, 3, 1, 100, 15, "63.2"),
            2025: (5, 7, 5, 3, 1, 96, 14, "60.5")},
    "S08": {2023: (3, 4, 2, 2, 0, 35, 5, "22.4"), 2024: (4, 6, 3, 3, 1, 48, 7, "35.0"),
            2025: (4, 5, 3, 2, 0, 52, 8, "41.7")},
    "S09": {2023: (2, 3, 1, 0, 0, 15, 2, "6.5"), 2024: (2, 3, 2, 1, 0, 20, 3, "9.8"),
            2025: (3, 4, 2, 1, 0, 24, 4, "12.6")},
    "S10": {2023: (2, 4, 3, 1, 0, 30, 6, "15.2"), 2024: (3, 5, 3, 2, 1, 36, 7, "28.4"),
            2025: (3, 4, 4, 2, 0, 40, 8, "31.0")},
    "S11": {2025: (2, 2, 1, 0, 0, 18, 2, "3.6")},
    "S13": {2023: (2, 2, 0, 0, 0, 45, 3, "0"), 2024: (3, 3, 1, 1, 0, 60, 5, "2.5"),
            2025: (3, 4, 1, 1, 0, 72, 6, "4.8")},
}

# ---------------------------------------------------------------------------------------------
# Payouts (2025 and 2026, up to November 2026)
# ---------------------------------------------------------------------------------------------

CATEGORIES = [  # code, label
    ("honor_allowance", "劳模荣誉津贴"), ("living_subsidy", "劳模生活补助"), ("hardship_aid", "困难帮扶"),
    ("festival_condolence", "春节慰问"), ("education_aid", "金秋助学"), ("medical_aid", "医疗互助"),
    ("recuperation", "疗休养"), ("health_check", "体检"), ("summer_cooling", "送清凉"),
    ("innovation_award", "创新成果奖励"), ("studio_subsidy", "工作室补贴"),
]
LABEL = dict(CATEGORIES)
CAT_ORDER = {code: i for i, (code, _) in enumerate(CATEGORIES)}

MODEL_LEVEL = {  # title as written -> level, for model titles only
    "全国劳动模范": 4, "省劳动模范": 3, "省劳模": 3, "江苏省劳动模范": 3, "省先进工作者": 3, "省部级劳动模范": 3,
    "市劳动模范": 2, "市劳模": 2, "市先进工作者": 2, "区劳动模范": 1, "区劳模": 1,
    "江阴市劳动模范": 1,  # a county-level city's title is county level
}


def top_model_level(p, year):
    levels = [MODEL_LEVEL[h[0]] for h in p["honours"] if h[0] in MODEL_LEVEL and int(str(h[1])[:4]) <= year]
    return max(levels, default=0)


def alive_on(p, d):
    return p["died"] is None or p["died"] >= d


PAYOUTS = []  # (date, code, person key, amount Decimal, note, voucher?, write the code instead of the label?)


def pay(date, code, who, amount, note="", voucher=True, as_code=False):
    PAYOUTS.append((date, code, who, Decimal(amount), note, voucher, as_code))


# Spring Festival condolence: living city-or-above models, plus open hardship files, once each.
for year, date, amounts, hardship_amounts in [
        (2025, D(2025, 1, 16), {4: "1000", 3: "800", 2: "500"}, {"P33": "800", "H01": "800", "H02": "1000"}),
        (2026, D(2026, 2, 5), {4: "1200", 3: "1000", 2: "600"}, {"P33": "1000", "H01": "1000", "H02": "1200"})]:
    n = 0
    for key in sorted(k for k in PER if k.startswith("P")):
        p = PER[key]
        lvl = top_model_level(p, year - 1)  # titles known when the list was drawn up
        if lvl >= 2 and alive_on(p, date):
            n += 1
            pay(date, "festival_condolence", key, amounts[lvl], "%d年春节慰问" % year,
                as_code=(year == 2026 and n in (4, 9, 17)))
    for key, amt in hardship_amounts.items():
        pay(date, "festival_condolence", key, amt, "%d年春节慰问（困难职工）" % year)

# Honour allowance: retired provincial-or-above models, paid yearly before May Day.
for date in (D(2025, 4, 25), D(2026, 4, 24)):
    for key in sorted(k for k in PER if k.startswith("P")):
        p = PER[key]
        lvl = top_model_level(p, date.year)
        if lvl >= 3 and p["retired"] and p["retired"] <= date and alive_on(p, date):
            pay(date, "honor_allowance", key, "6000" if lvl == 4 else "3600",
                "全国劳模" if lvl == 4 else "省部级劳模")

# Living subsidy for 困难劳模 (labour models with an open hardship file).
pay(D(2025, 5, 20), "living_subsidy", "P05", "3000", "困难劳模")
pay(D(2025, 5, 20), "living_subsidy", "P19", "3000", "困难劳模")
pay(D(2025, 5, 20), "living_subsidy", "P33", "2000", "困难劳模")
pay(D(2026, 5, 19), "living_subsidy", "P05", "3000", "困难劳模")
pay(D(2026, 5, 19), "living_subsidy", "P33", "2000", "困难劳模")

# Hardship aid (needs an open hardship file, or one closed at most 12 months before).
pay(D(2025, 3, 10), "hardship_aid", "H01", "2000", "")
pay(D(2025, 6, 18), "hardship_aid", "H02", "8000", "深度困难")
pay(D(2025, 9, 12), "hardship_aid", "P05", "5000", "困难劳模")
pay(D(2025, 10, 15), "hardship_aid", "P19", "3000", "")
pay(D(2025, 10, 15), "hardship_aid", "P33", "1500", "")
pay(D(2026, 3, 9), "hardship_aid", "H01", "2000", "")
pay(D(2026, 6, 15), "hardship_aid", "H02", "6000", "深度困难")
pay(D(2026, 6, 15), "hardship_aid", "P19", "2000", "2026年2月脱困，渐退期帮扶")
pay(D(2026, 9, 10), "hardship_aid", "P05", "5000", "困难劳模")

# Education aid (金秋助学), once a year, same hardship condition.
pay(D(2025, 8, 25), "education_aid", "H01", "3000", "子女高中")
pay(D(2025, 8, 25), "education_aid", "H02", "2000", "子女高中")
pay(D(2025, 8, 25), "education_aid", "P33", "5000", "子女大学")
pay(D(2026, 8, 24), "education_aid", "H01", "3000", "子女高中")
pay(D(2026, 8, 24), "education_aid", "P19", "2000", "子女大学，脱困未满12个月")
pay(D(2026, 8, 24), "education_aid", "P33", "5000", "子女大学")

# Medical mutual aid.
pay(D(2025, 11, 6), "medical_aid", "P05", "12360.50", "住院医疗互助")
pay(D(2026, 3, 20), "medical_aid", "H02", "8745.20", "住院医疗互助")
pay(D(2026, 7, 8), "medical_aid", "P18", "3210.00", "门诊特殊病种")

# Recuperation: at most once in three years each.
for key in ("P03", "P08", "P12", "P15", "P16", "P20"):
    pay(D(2025, 5, 12), "recuperation", key, "2800", "2025年劳模疗休养（第一批）")
for key in ("P07", "P13", "P17", "P21", "P23", "P27"):
    pay(D(2026, 5, 18), "recuperation", key, "3000", "2026年劳模疗休养")

# Health check: once a year each.
for i, key in enumerate(("P01", "P04", "P06", "P09", "P14", "P18", "P22", "P29")):
    pay(D(2025, 4, 16), "health_check", key, "800" if key == "P01" else "600", "2025年劳模体检")
for i, key in enumerate(("P01", "P02", "P04", "P09", "P10", "P14", "P18", "P30")):
    pay(D(2026, 4, 15), "health_check", key, "800" if key in ("P01", "P02") else "600", "2026年劳模体检",
        as_code=(key == "P30"))

# Summer cooling for front-line models (the 2025 list was paid without vouchers).
for key in ("P12", "P16", "P20", "P27"):
    pay(D(2025, 7, 15), "summer_cooling", key, "200", "防暑降温", voucher=(key == "P27"))
for key in ("P12", "P16", "P23", "P31"):
    pay(D(2026, 7, 14), "summer_cooling", key, "300", "防暑降温", voucher=(key != "P31"),
        as_code=(key == "P23"))

# Innovation awards.
pay(D(2025, 12, 10), "innovation_award", "P16", "20000", "数控刀具寿命提升项目")
pay(D(2025, 12, 10), "innovation_award", "P36", "10000", "装配线防错工装")
pay(D(2026, 10, 16), "innovation_award", "P03", "50000", "芯片测试良率提升项目")

PAYOUTS.sort(key=lambda r: (r[0], CAT_ORDER[r[1]], r[2]))
_vseq = {}
PAYOUT_ROWS = []
for (date, code, who, amount, note, has_voucher, as_code) in PAYOUTS:
    _vseq[date.year] = _vseq.get(date.year, 0) + 1  # numbers are reserved even when left blank
    voucher = "FL%d-%04d" % (date.year, _vseq[date.year]) if has_voucher else None
    PAYOUT_ROWS.append((date, code, who, amount, note, voucher, as_code))

# 金秋助学 per student (education-aid.*, imported after payouts): autumn 2026 for the children of
# workers with open hardship files who had no education aid that year; H02's two children are
# both paid (once per student, not per worker), each amount within its stage's standard.
# (parent, student, student's birth date or None for no ID number on the sheet, stage as written,
# amount)
EDUCATION_AID = [
    ("H02", "王小宇", D(2009, 3, 15), "普通高中", "2000"),
    ("H02", "王小雨", D(2006, 10, 2), "本科", "5000"),
    ("H05", "陈思远", None, "高中", "2000"),
    ("H04", "刘一鸣", D(2010, 5, 20), "职高", "1500"),
]


def student_id(parent, birth):
    """A fictitious student ID number from the parent's area, with its check character (no random
    draw: the other files stay as they were)."""
    first17 = "%s%s%03d" % (PER[parent]["id"][:6], birth.strftime("%Y%m%d"), 123)
    return first17 + id_check_char(first17)

# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def fmt_slash(d):
    return "%d/%d/%d" % (d.year, d.month, d.day)


def fmt_iso(d):
    return d.isoformat()


def fmt_cn(d):
    return "%d年%d月%d日" % (d.year, d.month, d.day)


class Table:
    """One record kind: titles, header, rows of typed values, an optional 合计 row.

    kinds: column -> 'text' (default), 'textfmt' (text cell with format "@"), 'int', 'money'
    (two decimals, thousands separator), 'dec' (plain decimal), 'date', 'year'.
    date_fmt: function (column, row index, date) -> text, for the CSV files.
    """

    def __init__(self, name, sheet, header, kinds, rows, titles=(), footer=None, date_fmt=None,
                 title_blank_row=False):
        self.name, self.sheet, self.header, self.kinds, self.rows = name, sheet, header, kinds, rows
        self.titles, self.footer, self.title_blank_row = list(titles), footer, title_blank_row
        self.date_fmt = date_fmt or (lambda col, i, d: fmt_slash(d))

    def kind(self, col):
        return self.kinds.get(col, "text")

    def csv_cell(self, col, i, v):
        if v is None:
            return ""
        k = self.kind(col)
        if isinstance(v, dt.date):
            return self.date_fmt(col, i, v)
        if k == "money":
            return "{:,.2f}".format(v)
        return str(v)

    def csv_rows(self):
        n = len(self.header)
        out = [[t] + [""] * (n - 1) for t in self.titles]
        if self.title_blank_row:
            out.append([""] * n)
        out.append(list(self.header))
        for i, row in enumerate(self.rows):
            out.append([self.csv_cell(c, i, v) for c, v in zip(self.header, row)])
        if self.footer:
            out.append([self.csv_cell(c, -1, v) for c, v in zip(self.header, self.footer)])
        return out

    def write_csv(self):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerows(self.csv_rows())
        text = buf.getvalue()
        for sub, enc in (("csv", "utf-8-sig"), ("gbk", "gbk")):
            os.makedirs(os.path.join(HERE, sub), exist_ok=True)
            with open(os.path.join(HERE, sub, self.name + ".csv"), "wb") as f:
                f.write(text.encode(enc))

    def write_xlsx(self):
        wb = Workbook()
        ws = wb.active
        ws.title = self.sheet
        n = len(self.header)
        r = 1
        for t in self.titles:
            ws.cell(row=r, column=1, value=t).font = Font(bold=True, size=14 if r == 1 else 11)
            ws.cell(row=r, column=1).alignment = Alignment(horizontal="center" if r == 1 else "left")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
            r += 1
        if self.title_blank_row:
            r += 1
        head_fill = PatternFill("solid", fgColor="DDEBF7")
        for c, h in enumerate(self.header, 1):
            cell = ws.cell(row=r, column=c, value=h)
            cell.font = Font(bold=True)
            cell.fill = head_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.freeze_panes = ws.cell(row=r + 1, column=1)
        widths = [max(4, len(h) * 2 + 2) for h in self.header]
        body = list(self.rows) + ([self.footer] if self.footer else [])
        for row in body:
            r += 1
            for c, (col, v) in enumerate(zip(self.header, row), 1):
                k = self.kind(col)
                cell = ws.cell(row=r, column=c)
                if v is None:
                    if k == "textfmt":
                        cell.number_format = "@"
                    continue
                if isinstance(v, dt.date):
                    cell.value = v
                    cell.number_format = "yyyy-mm-dd"
                    text_len = 10
                elif k == "money":
                    cell.value = float(v)
                    cell.number_format = "#,##0.00"
                    text_len = len("{:,.2f}".format(v))
                elif k == "dec":
                    cell.value = float(v)
                    text_len = len(str(v))
                elif k == "textfmt":
                    cell.value = str(v)
                    cell.number_format = "@"
                    text_len = len(str(v))
                else:
                    cell.value = v
                    text_len = sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(v))
                widths[c - 1] = max(widths[c - 1], text_len + 2)
        for c, wdt in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = min(wdt, 40)
        wb.properties.creator = "无锡市梁溪区总工会"
        wb.properties.created = FIXED_TIME
        buf = io.BytesIO()
        wb.save(buf)
        os.makedirs(os.path.join(HERE, "xlsx"), exist_ok=True)
        with open(os.path.join(HERE, "xlsx", self.name + ".xlsx"), "wb") as f:
            f.write(deterministic_zip(buf.getvalue()))


def deterministic_zip(data):
    """Rewrite an .xlsx with fixed entry timestamps and a fixed 'modified' property."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>" + stamp.encode() + rb"\g<2>", content)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, content)
    return out.getvalue()


def build_tables():
    tables = []

    # people ------------------------------------------------------------------------------
    header = ["序号", "姓名", "性别", "出生日期", "身份证号", "手机号", "工作单位", "所属地区", "荣誉称号",
              "获评年份", "授予机关", "状态", "退休日期", "去世日期", "授予地", "取消称号日期", "取消原因"]
    rows = []
    for key in sorted(k for k in PER if k.startswith("P")):
        p = PER[key]
        for title, year, *revoked in p["honours"]:
            revoked_on, reason = revoked or (None, None)
            place = "江阴市" if title.startswith("江阴市") else None
            rows.append([len(rows) + 1, p["name"], p["sex"], p["birth"], p["id"],
                         int(p["mobile"]) if p["mobile"] else None, p["unit"], p["district"], title,
                         year, honour_body(title, p), p["status"], p["retired"], p["died"],
                         place, revoked_on, reason])
    npeople = len({r[4] for r in rows})
    tables.append(Table(
        "people", "劳模花名册", header,
        {"身份证号": "textfmt", "序号": "int", "手机号": "int", "获评年份": "year"},
        rows, titles=["2025年无锡市劳模花名册", "制表单位：无锡市梁溪区总工会　　制表日期：2025年12月31日"],
        footer=["合计", "共%d人" % npeople] + [None] * (len(header) - 2),
        date_fmt=lambda col, i, d: fmt_slash(d)))

    # enterprises -------------------------------------------------------------------------
    header = ["序号", "企业名称", "统一社会信用代码", "所属地区", "行业", "经济类型", "职工人数", "是否建会",
              "会员人数", "世界500强", "女职工专项合同", "职工董事监事", "厂务公开"]
    rows = []
    for i, e in enumerate(ENT.values(), 1):
        rows.append([i, e["name"], e["code"], e["district"], e["industry"], e["ownership"], e["employees"],
                     e["union"], e["members"], e["f500"], e["women"] or None, e["directors"] or None,
                     e["openness"]])
    tables.append(Table(
        "enterprises", "企业名册", header,
        {"统一社会信用代码": "textfmt", "序号": "int", "职工人数": "int", "会员人数": "int"},
        rows, titles=["无锡市工资集体协商企业名册（2025年度）"], title_blank_row=True))

    # agreements --------------------------------------------------------------------------
    header = ["序号", "统一社会信用代码", "企业名称", "签订日期", "生效日期", "到期日期", "覆盖职工人数",
              "协商形式", "工资增幅(%)"]
    rows = []
    for i, (ek, signed, eff, exp, covered, form, inc) in enumerate(AGREEMENTS, 1):
        e = ENT[ek]
        rows.append([i, e["code"], e["name"], signed, eff, exp, covered, form, Decimal(inc)])
    tables.append(Table(
        "agreements", "工资集体协议台账", header,
        {"统一社会信用代码": "textfmt", "序号": "int", "覆盖职工人数": "int", "工资增幅(%)": "dec"},
        rows, titles=["工资集体协议备案台账"], date_fmt=lambda col, i, d: fmt_iso(d)))

    # studios -----------------------------------------------------------------------------
    header = ["序号", "工作室名称", "类型", "领衔人", "领衔人身份证号", "所属单位", "统一社会信用代码", "所属地区",
              "成立日期", "团队人数"] + BAYOU + ["命名级别", "命名日期", "批次"]
    rows = []
    for (sk, name, kind, leader, host, founded, team, flags, namings) in STUDIOS:
        p = PER[leader]
        if host in ENT:
            host_name, code, district = ENT[host]["name"], ENT[host]["code"], ENT[host]["district"]
        else:
            host_name, code, district = host, None, p["district"]
        base = [name, kind, p["name"], p["id"], host_name, code, district, founded, team] + \
            ["是" if f == "是" else "否" for f in flags]
        for level, date, batch in (namings or [(None, None, None)]):
            rows.append([len(rows) + 1] + base + [level, date, batch])
    tables.append(Table(
        "studios", "创新工作室台账", header,
        {"领衔人身份证号": "textfmt", "统一社会信用代码": "textfmt", "序号": "int", "团队人数": "int",
         "批次": "int"},
        rows, titles=["无锡市劳模（职工）创新工作室台账"],
        date_fmt=lambda col, i, d: fmt_cn(d) if col == "成立日期" else fmt_slash(d)))

    # studio-results ----------------------------------------------------------------------
    header = ["工作室名称", "年份", "创新课题", "解决技术难题", "技术改造", "授权专利", "发明专利", "培训人次",
              "提升技术等级人数", "经济效益(万元)"]
    rows = []
    sname = {s[0]: s[1] for s in STUDIOS}
    for sk in sorted(RESULTS):
        for year in sorted(RESULTS[sk]):
            t = RESULTS[sk][year]
            rows.append([sname[sk], year] + list(t[:7]) + [Decimal(t[7])])
    tables.append(Table(
        "studio-results", "年度成效", header,
        dict({c: "int" for c in header[1:9]}, **{"经济效益(万元)": "dec"}), rows))

    # payouts -----------------------------------------------------------------------------
    # 所属期间: the yearly honour allowance covers the months of its year (a payout without it
    # covers the month paid).
    header = ["序号", "身份证号", "姓名", "类别", "金额(元)", "发放日期", "凭证号", "备注", "所属期间"]
    rows = []
    total = Decimal(0)
    for i, (date, code, who, amount, note, voucher, as_code) in enumerate(PAYOUT_ROWS, 1):
        p = PER[who]
        period = "%d年1月-12月" % date.year if code == "honor_allowance" else None
        rows.append([i, p["id"], p["name"], code if as_code else LABEL[code], amount, date, voucher,
                     note or None, period])
        total += amount
    tables.append(Table(
        "payouts", "福利发放明细", header,
        {"身份证号": "textfmt", "凭证号": "textfmt", "序号": "int", "金额(元)": "money"},
        rows, titles=["2025—2026年度劳模及困难职工福利发放明细"],
        footer=["合计", None, None, None, total, None, None, "共%d笔" % len(rows), None]))

    # education aid per student ---------------------------------------------------------------
    header = ["序号", "身份证号", "姓名", "类别", "金额(元)", "发放日期", "凭证号", "学生姓名", "学生身份证号",
              "学段", "备注"]
    rows = []
    for i, (parent, student, born, stage, amount) in enumerate(EDUCATION_AID, 1):
        p = PER[parent]
        rows.append([i, p["id"], p["name"], LABEL["education_aid"], Decimal(amount), D(2026, 9, 1),
                     "JQ2026-%04d" % i, student, student_id(parent, born) if born else None, stage,
                     "2026年金秋助学"])
    tables.append(Table(
        "education-aid", "金秋助学", header,
        {"身份证号": "textfmt", "学生身份证号": "textfmt", "凭证号": "textfmt", "序号": "int",
         "金额(元)": "money"},
        rows, titles=["2026年金秋助学发放名单"]))

    # hardship ----------------------------------------------------------------------------
    header = ["序号", "身份证号", "姓名", "困难类型", "建档日期", "脱困日期", "退出原因", "致困原因",
              "户号", "复核日期", "家庭年收入", "刚性支出", "家庭人口"]
    # The family's income as the 低保 standard (hardship.dibao_monthly, 1,000 yuan a person a
    # month) sorts it: deep below 1×, relative below 2×; an accident is not a matter of income.
    income = {"深度困难": (Decimal("24000"), Decimal("3000"), 3),
              "相对困难": (Decimal("48000"), Decimal("6000"), 3),
              "意外致困": (Decimal("60000"), Decimal("0"), 3)}
    rows = []
    for i, (who, typ, opened, closed, cause) in enumerate(HARDSHIP, 1):
        p = PER[who]
        # Reviewed every year except every third file, which `union hardship review --due` lists.
        reviewed = None if i % 3 == 0 or closed else D(2025, 12, 20)
        annual, rigid, size = income[typ]
        rows.append([i, p["id"], p["name"], typ, opened, closed, "脱困" if closed else None, cause,
                     "LX-%03d" % i, reviewed, annual, rigid, size])
    tables.append(Table(
        "hardship", "困难职工档案", header,
        {"身份证号": "textfmt", "序号": "int", "家庭年收入": "money", "刚性支出": "money", "家庭人口": "int"},
        rows, titles=["困难职工档案台账"],
        # typed by hand over the years: mostly 2021年6月10日, some 2021/6/10
        date_fmt=lambda col, i, d: fmt_slash(d) if i % 4 == 2 else fmt_cn(d)))
    return tables


def main():
    for t in build_tables():
        t.write_csv()
        t.write_xlsx()
        print("%-15s %3d rows  csv/%s.csv gbk/%s.csv xlsx/%s.xlsx" % (t.name, len(t.rows), t.name, t.name, t.name))


if __name__ == "__main__":
    main()
