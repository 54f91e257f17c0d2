#!/usr/bin/env python3
"""The pandas peers of the union benchmark (benches/run.sh), one process per timed run.

  peers.py pandas-csv FILE.csv DB
      pandas.read_csv (ID number and voucher read as text), a fen column computed in
      pandas as round(金额(元) * 100) -> int64, columns renamed to English, then
      DataFrame.to_sql('payouts', sqlite3 connection, index=False) - one executemany in
      one transaction - then CREATE INDEX on id_number and CREATE UNIQUE INDEX on voucher
      (the same indexes as the sqlite3 typed table), committed.
  peers.py pandas-xlsx FILE.xlsx
      pandas.read_excel(FILE) (openpyxl engine, ID number and voucher as str); read only.
"""
import sqlite3
import sys


def pandas_csv(path, db):
    import pandas as pd

    df = pd.read_csv(path, dtype={"身份证号": str, "凭证号": str, "备注": str})
    df["amount"] = (df["金额(元)"] * 100).round().astype("int64")
    df = df.rename(columns={"身份证号": "id_number", "姓名": "name", "类别": "category",
                            "发放日期": "paid_on", "凭证号": "voucher", "备注": "note"})
    df = df[["id_number", "name", "category", "amount", "paid_on", "voucher", "note"]]
    con = sqlite3.connect(db)
    df.to_sql("payouts", con, index=False)
    con.execute("CREATE INDEX payouts_id_number ON payouts(id_number)")
    con.execute("CREATE UNIQUE INDEX payouts_voucher ON payouts(voucher)")
    con.commit()
    con.close()
    print(f"pandas-csv: {len(df)} rows", file=sys.stderr)


def pandas_xlsx(path):
    import pandas as pd

    df = pd.read_excel(path, dtype={"身份证号": str, "凭证号": str})
    print(f"pandas-xlsx: {len(df)} rows", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "pandas-csv":
        pandas_csv(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "pandas-xlsx":
        pandas_xlsx(sys.argv[2])
    else:
        sys.exit(__doc__)
