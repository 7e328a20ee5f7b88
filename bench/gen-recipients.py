#!/usr/bin/env python3
"""gen-recipients.py N [SEED]: N recipient rows as CSV on stdout.

The rows are valid for `shuangyong-cli import recipients`: every 身份证号 has
a real birth date, a correct GB 11643 check character and is unique in the
file.  The same N and SEED always give the same file, so two benchmark runs
import exactly the same data.
"""
import datetime
import random
import sys

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
REGIONS = ("360426", "120103", "110105", "320102")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国华明军强伟芳秀英兰玉梅丽红霞平刚"
CATEGORIES = ("退役士兵", "残疾军人", "烈士遗属", "复员军人", "现役军人家属", "义务兵家庭")
VILLAGES = ("东风村", "红星村", "新华社区", "胜利村", "和平社区")
HEADER = ("姓名,身份证号,性别,民族,联系电话,户籍类别,所属村（社区）,住址,"
          "优抚类别,开户银行,账号,状态")
FIRST_DAY = datetime.date(1930, 1, 1)


def id_number(region, born, sequence):
    body = "%s%s%03d" % (region, born.strftime("%Y%m%d"), sequence)
    total = sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS))
    return body + CHECK[total % 11]


def main():
    count = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    used = set()
    out = [HEADER]
    while len(out) <= count:
        born = FIRST_DAY + datetime.timedelta(days=rng.randrange(30000))
        sequence = rng.randrange(1000)
        key = id_number(rng.choice(REGIONS), born, sequence)
        if key in used:
            continue
        used.add(key)
        village = rng.choice(VILLAGES)
        out.append(",".join((
            rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            key,
            "男" if sequence % 2 else "女",
            "汉",
            "1%010d" % rng.randrange(3000000000, 9999999999),
            rng.choice(("城镇", "农村")),
            village,
            "清源县%s%d号" % (rng.choice(VILLAGES), rng.randrange(1, 100)),
            rng.choice(CATEGORIES),
            "农业银行",
            "62%017d" % rng.randrange(10 ** 16),
            "在册",
        )))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
