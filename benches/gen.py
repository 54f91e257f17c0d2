#!/usr/bin/env python3
"""Deterministic benchmark data for `union` (see benches/run.sh).

Writes into OUT (default target/bench-data/):

  people.csv            N_PEOPLE people, union `people` import headers
                        姓名,身份证号,性别,出生日期,所属地区,状态
  payouts-<N>.csv       payout rows with the exact union headers
                        身份证号,姓名,类别,金额(元),发放日期,凭证号,备注
                        (UTF-8, no BOM, ISO dates, plain "1234.50" amounts).
                        Every smaller file is the prefix of the largest one.
  payouts-<N>.xlsx      the first N rows of the same stream as a one-sheet workbook
                        (openpyxl write_only; ID number and voucher are text cells,
                        amount a number cell, date a date cell)
  MANIFEST              the parameters; a re-run with the same parameters and the
                        same gen.py is a no-op.

Everything comes from random.Random(SEED): same seed, same bytes.

The data is valid for union and respects SPEC §6.2:
  * ID numbers per GB 11643 (Wuxi area codes, birth 1955-2000, sequence with
    gender parity, ISO 7064 MOD 11-2 check character), unique, one name each;
  * nobody is deceased (rule 1), no 劳模荣誉津贴/困难帮扶/金秋助学/劳模生活补助 rows
    (they need honours or hardship files, rules 2 and 4);
  * 春节慰问 and 体检 at most once per person per calendar year, 疗休养 at most once
    per person over the whole 2024-2025 span (rule 3);
  * amounts under each category's ceiling (rule 5), vouchers unique (rule 6);
  * dates 2024-01-01 .. 2025-12-31 (none in the future).
"""
import argparse
import datetime as dt
import hashlib
import os
import random
import sys

AREAS = [  # (area code, current district) - Wuxi
    ("320202", "梁溪区"), ("320205", "锡山区"), ("320206", "惠山区"),
    ("320211", "滨湖区"), ("320213", "梁溪区"), ("320214", "新吴区"),
    ("320281", "江阴市"), ("320282", "宜兴市"),
]
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
            "薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国红梅志强海燕晓东"
         "文斌俊峰玉兰淑珍宏伟立新小红春梅秀兰德明永刚金凤国华雪梅丹丹佳怡浩然子涵"
         "宇轩欣怡晨阳思远雨桐嘉怡梓萱一鸣天宇")

# (label, weight, min fen, max fen, rule) ; rule: None, "year" (once per person per
# calendar year) or "ever" (once per person over the generated span)
CATEGORIES = (
    ("送清凉", 40, 5_000, 100_000, None),           # ceiling 1,000 yuan
    ("医疗互助", 25, 20_000, 5_000_000, None),      # ceiling 250,000 yuan
    ("创新成果奖励", 23, 50_000, 3_000_000, None),  # ceiling 100,000 yuan
    ("体检", 5, 30_000, 150_000, "year"),           # ceiling 5,000 yuan, once a year
    ("春节慰问", 5, 50_000, 200_000, "year"),       # ceiling 5,000 yuan, once a year
    ("疗休养", 2, 100_000, 500_000, "ever"),        # ceiling 10,000 yuan, once in 3 years
)
NOTES = {"送清凉": "{y}年夏季送清凉", "医疗互助": "住院医疗互助金", "创新成果奖励": "{y}年度职工创新成果",
         "体检": "{y}年度职工体检", "春节慰问": "{y}年春节慰问", "疗休养": "职工疗休养"}
HEADER = "身份证号,姓名,类别,金额(元),发放日期,凭证号,备注\n"


def check_char(first17):
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def make_people(rng, n):
    seen = set()
    people = []  # (id, name, gender, birth, district, status)
    start = dt.date(1955, 1, 1).toordinal()
    span = dt.date(2000, 12, 31).toordinal() - start + 1
    while len(people) < n:
        area, district = AREAS[rng.randrange(len(AREAS))]
        birth = dt.date.fromordinal(start + rng.randrange(span))
        male = rng.random() < 0.55
        seq = rng.randrange(0, 500) * 2 + (1 if male else 0)  # odd = male
        if seq == 0:
            continue
        first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
        idn = first17 + check_char(first17)
        if idn in seen:
            continue
        seen.add(idn)
        glen = 1 if rng.random() < 0.3 else 2
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(glen))
        # retired if past 60 (men) / 55 (women) at the end of 2025
        retired = (2025 - birth.year) >= (60 if male else 55)
        people.append((idn, name, "男" if male else "女", birth.isoformat(), district,
                       "退休" if retired else "在职"))
    return people


def payout_rows(rng, people, total):
    """Yield CSV lines (without newline handling) for `total` payouts."""
    n = len(people)
    days = []
    d = dt.date(2024, 1, 1)
    while d.year <= 2025:
        days.append((d.isoformat(), d.year))
        d += dt.timedelta(days=1)
    # 送清凉 is paid in summer (June-August), 春节慰问 in January-February
    summer = [x for x in days if x[0][5:7] in ("06", "07", "08")]
    spring = [x for x in days if x[0][5:7] in ("01", "02")]
    when = {"送清凉": summer, "春节慰问": spring}
    labels, weights = [], []
    for c in CATEGORIES:
        labels.append(c)
        weights.append(c[1])
    cum = []
    acc = 0
    for w in weights:
        acc += w
        cum.append(acc)
    used_year = {2024: bytearray(n), 2025: bytearray(n)}   # bit per category
    used_ever = bytearray(n)
    bits = {"体检": 1, "春节慰问": 2}
    fallback = CATEGORIES[0]
    rand = rng.random
    randrange = rng.randrange
    import bisect
    for i in range(total):
        p = randrange(n)
        cat = labels[bisect.bisect_right(cum, rand() * acc)]
        pool = when.get(cat[0], days)
        day, year = pool[randrange(len(pool))]
        rule = cat[4]
        if rule == "year":
            b = bits[cat[0]]
            u = used_year[year]
            if u[p] & b:
                cat = fallback
            else:
                u[p] |= b
        elif rule == "ever":
            if used_ever[p]:
                cat = fallback
            else:
                used_ever[p] = 1
        if cat is fallback and pool is not summer:
            day = f"{year}{summer[randrange(len(summer))][0][4:]}"  # same year, in summer
        fen = randrange(cat[2], cat[3])
        idn, name = people[p][0], people[p][1]
        note = NOTES[cat[0]].format(y=year) if rand() < 0.7 else ""
        yield idn, name, cat[0], fen, day, f"FL{year}-{i + 1:08d}", note


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="target/bench-data")
    ap.add_argument("--seed", type=int, default=20251231)
    ap.add_argument("--people", type=int, default=200_000)
    ap.add_argument("--payouts", default="1000000,5000000", help="comma-separated row counts")
    ap.add_argument("--xlsx", type=int, default=100_000, help="rows in the XLSX sheet (0: none)")
    a = ap.parse_args()
    sizes = sorted({int(s) for s in a.payouts.split(",") if s})
    os.makedirs(a.out, exist_ok=True)
    me = hashlib.sha256(open(__file__, "rb").read()).hexdigest()[:16]
    manifest = f"gen={me} seed={a.seed} people={a.people} payouts={sizes} xlsx={a.xlsx}\n"
    mpath = os.path.join(a.out, "MANIFEST")
    wanted = ["people.csv"] + [f"payouts-{s}.csv" for s in sizes]
    if a.xlsx:
        wanted.append(f"payouts-{a.xlsx}.xlsx")
    if (os.path.exists(mpath) and open(mpath, encoding="utf-8").read() == manifest
            and all(os.path.exists(os.path.join(a.out, w)) for w in wanted)):
        print(f"gen: data already present in {a.out} ({manifest.strip()})", file=sys.stderr)
        return
    if os.path.exists(mpath):
        os.remove(mpath)

    rng = random.Random(a.seed)
    print(f"gen: {a.people} people", file=sys.stderr)
    people = make_people(rng, a.people)
    with open(os.path.join(a.out, "people.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("姓名,身份证号,性别,出生日期,所属地区,状态\n")
        f.writelines(f"{p[1]},{p[0]},{p[2]},{p[3]},{p[4]},{p[5]}\n" for p in people)

    biggest = max(sizes + [a.xlsx])
    files = [(s, open(os.path.join(a.out, f"payouts-{s}.csv.tmp"), "w", encoding="utf-8",
                      newline="")) for s in sizes]
    for _, f in files:
        f.write(HEADER)
    xrows = []
    print(f"gen: {biggest} payout rows -> " + ", ".join(f"payouts-{s}.csv" for s in sizes),
          file=sys.stderr)
    open_files = list(files)
    for i, (idn, name, cat, fen, day, voucher, note) in enumerate(payout_rows(rng, people, biggest)):
        line = f"{idn},{name},{cat},{fen // 100}.{fen % 100:02d},{day},{voucher},{note}\n"
        while open_files and open_files[0][0] <= i:
            open_files.pop(0)[1].close()
        for _, f in open_files:
            f.write(line)
        if i < a.xlsx:
            xrows.append((idn, name, cat, fen, day, voucher, note))
        if (i + 1) % 1_000_000 == 0:
            print(f"gen:   {i + 1} rows", file=sys.stderr)
    for _, f in open_files:
        f.close()
    for s, _ in files:
        os.replace(os.path.join(a.out, f"payouts-{s}.csv.tmp"), os.path.join(a.out, f"payouts-{s}.csv"))

    if a.xlsx:
        import openpyxl
        from openpyxl.cell import WriteOnlyCell
        print(f"gen: payouts-{a.xlsx}.xlsx", file=sys.stderr)
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("发放明细")
        ws.append(HEADER.strip().split(","))
        text = "@"
        for idn, name, cat, fen, day, voucher, note in xrows:
            c_id = WriteOnlyCell(ws, value=idn)
            c_id.number_format = text
            c_v = WriteOnlyCell(ws, value=voucher)
            c_v.number_format = text
            c_amt = WriteOnlyCell(ws, value=fen / 100)  # a number cell, as Excel keeps it
            c_amt.number_format = "0.00"
            c_day = WriteOnlyCell(ws, value=dt.date.fromisoformat(day))
            c_day.number_format = "yyyy-mm-dd"
            ws.append([c_id, name, cat, c_amt, c_day, c_v, note or None])
        tmp = os.path.join(a.out, f"payouts-{a.xlsx}.tmp.xlsx")
        wb.save(tmp)
        os.replace(tmp, os.path.join(a.out, f"payouts-{a.xlsx}.xlsx"))

    with open(mpath, "w", encoding="utf-8") as f:
        f.write(manifest)
    print(f"gen: done ({manifest.strip()})", file=sys.stderr)


if __name__ == "__main__":
    main()
