/* test-plan-parser.c: plan text → outline (core/ only) */
#include <string.h>

#include <sy-core.h>

static SyPlanOutline *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  SyPlanOutline *outline = sy_plan_parse_text (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outline);
  return outline;
}

static void
assert_outline (const char *text, const char *expected)
{
  g_autoptr(SyPlanOutline) outline = parse_ok (text);
  g_autofree char *got = sy_plan_outline_format (outline);

  g_assert_cmpstr (got, ==, expected);
}

static SyPlanOutlineItem *
item (SyPlanOutline *outline, guint i)
{
  g_assert_cmpuint (i, <, outline->items->len);
  return g_ptr_array_index (outline->items, i);
}

static void
test_styles_nesting (void)
{
  assert_outline ("一、组织领导\n"
                  "（一）调整领导小组\n"
                  "1、明确分工\n"
                  "（1）组长负责\n"
                  "①每季度开会\n"
                  "②会议有记录\n"
                  "（2）副组长协助\n"
                  "2、建立制度\n"
                  "（二）制订计划\n"
                  "二、拥军优属\n"
                  "（一）走访慰问\n",
                  "一、 组织领导\n"
                  "  （一） 调整领导小组\n"
                  "    1、 明确分工\n"
                  "      （1） 组长负责\n"
                  "        ① 每季度开会\n"
                  "        ② 会议有记录\n"
                  "      （2） 副组长协助\n"
                  "    2、 建立制度\n"
                  "  （二） 制订计划\n"
                  "二、 拥军优属\n"
                  "  （一） 走访慰问\n");
}

/* 1、 1. 1） are three styles; a number like 1.5 is no label. */
static void
test_arabic_styles (void)
{
  assert_outline ("1、走访慰问\n"
                  "1. 春节走访\n"
                  "1）重点对象\n"
                  "2）一般对象\n"
                  "1.5万元用于慰问品\n"
                  "2. 八一走访\n"
                  "2、宣传教育\n"
                  "①国防教育月\n"
                  "② 双拥宣传月\n",
                  "1、 走访慰问\n"
                  "  1. 春节走访\n"
                  "    1） 重点对象\n"
                  "    2） 一般对象\n"
                  "  2. 八一走访\n"
                  "2、 宣传教育\n"
                  "  ① 国防教育月\n"
                  "  ② 双拥宣传月\n");
  /* the 1.5 line joined the item before it as its body */
  {
    g_autoptr(SyPlanOutline) o = parse_ok ("1）重点对象\n1.5万元用于慰问品\n2）一般对象\n");
    g_assert_cmpstr (item (o, 0)->body, ==, "1.5万元用于慰问品");
  }
  /* 1) and 1．/１. are the half- and full-width forms of 1） and 1. */
  assert_outline ("1.甲\n1)乙\n2）丙\n２．丁\n", "1. 甲\n  1) 乙\n  2） 丙\n２． 丁\n");
}

static void
test_full_and_half_width (void)
{
  assert_outline ("一、总体要求\n(一)指导思想\n（二）工作目标\n(三) 基本原则\n二、主要任务\n(一)走访\n",
                  "一、 总体要求\n"
                  "  (一) 指导思想\n"
                  "  （二） 工作目标\n"
                  "  (三) 基本原则\n"
                  "二、 主要任务\n"
                  "  (一) 走访\n");
}

static void
test_starts_at_second_level (void)
{
  g_autoptr(SyPlanOutline) o = NULL;

  assert_outline ("（一）制订计划\n1、年初制订\n2、督促各村\n（二）走访慰问\n1、春节\n",
                  "（一） 制订计划\n"
                  "  1、 年初制订\n"
                  "  2、 督促各村\n"
                  "（二） 走访慰问\n"
                  "  1、 春节\n");
  o = parse_ok ("（一）制订计划\n1、年初制订\n");
  g_assert_cmpuint (item (o, 0)->level, ==, 0);
  g_assert_cmpuint (item (o, 1)->level, ==, 1);
  g_assert_cmpuint (item (o, 1)->line, ==, 2);
}

static void
test_headings (void)
{
  assert_outline ("# 总体安排\n## 上半年\n### 春节\n## 下半年\n# 保障措施\n",
                  "总体安排\n  上半年\n    春节\n  下半年\n保障措施\n");
  /* # headings over numbered items; a numbered heading takes its label's style */
  assert_outline ("## 一、组织领导\n1、调整小组\n2、定期开会\n## 二、拥军优属 ##\n1、走访\n",
                  "一、 组织领导\n  1、 调整小组\n  2、 定期开会\n二、 拥军优属\n  1、 走访\n");
  /* a heading never nests under plain numbered lines above it */
  assert_outline ("1、甲\n2、乙\n## 二、工作制度\n1、丙\n",
                  "1、 甲\n2、 乙\n二、 工作制度\n  1、 丙\n");
  assert_outline ("# 第一部分\n一、甲\n（一）乙\n# 第二部分\n一、丙\n",
                  "第一部分\n  一、 甲\n    （一） 乙\n第二部分\n  一、 丙\n");
}

static void
test_preface (void)
{
  g_autoptr(SyPlanOutline) o =
    parse_ok ("2025年双拥工作计划\n"
              "\n"
              "今年是创建工作的关键一年。为做好双拥工作，特制定本计划。\n"
              "\n"
              "全镇各单位要高度重视。\n"
              "一、加强领导\n"
              "成立领导小组。\n");

  g_assert_cmpstr (o->title, ==, "2025年双拥工作计划");
  g_assert_cmpstr (o->preface, ==,
                   "今年是创建工作的关键一年。为做好双拥工作，特制定本计划。\n全镇各单位要高度重视。");
  g_assert_cmpuint (o->items->len, ==, 1);
  g_assert_cmpstr (item (o, 0)->title, ==, "加强领导");
  g_assert_cmpstr (item (o, 0)->body, ==, "成立领导小组。");
  g_assert_cmpuint (item (o, 0)->line, ==, 6);
}

static void
test_broken_lines (void)
{
  g_autoptr(SyPlanOutline) o =
    parse_ok ("学校要加强国防教育，组织学生参加军\n"
              "\n"
              "事技能训练。\n"
              "一、加强领导，形成合力\n"
              "\n"
              "社区调整了领导小组。每季度召开\n"
              "一次会议，研究重大事项。\n"
              "（一）大力开展拥军优属活动。特别是要利用节日开展好系列\n"
              "\n"
              "活动，走进烈军属家庭。\n"
              "（二）组织全镇基干民兵和退役军人代表在国防教育月期间参加军\n"
              "\n"
              "事技能比武\n"
              "三、加强组织领导，形成齐抓共管的工作格局\n"
              "\n"
              "镇里调整了领导小组。\n"
              "（一）Support the troops\n"
              "The office visits the families of the\n"
              "soldiers every year.\n");

  g_assert_cmpstr (o->preface, ==, "学校要加强国防教育，组织学生参加军事技能训练。");
  g_assert_null (o->title);
  g_assert_cmpuint (o->items->len, ==, 5);
  /* a heading with a comma but no full stop keeps its body apart */
  g_assert_cmpstr (item (o, 0)->title, ==, "加强领导，形成合力");
  g_assert_cmpstr (item (o, 0)->body, ==, "社区调整了领导小组。每季度召开一次会议，研究重大事项。");
  g_assert_cmpstr (item (o, 1)->title, ==,
                   "大力开展拥军优属活动。特别是要利用节日开展好系列活动，走进烈军属家庭。");
  g_assert_null (item (o, 1)->body);
  /* a long item line without a full stop is prose cut by a page end... */
  g_assert_cmpstr (item (o, 2)->title, ==, "组织全镇基干民兵和退役军人代表在国防教育月期间参加军事技能比武");
  g_assert_null (item (o, 2)->body);
  /* ...a shorter one a heading */
  g_assert_cmpstr (item (o, 3)->title, ==, "加强组织领导，形成齐抓共管的工作格局");
  g_assert_cmpstr (item (o, 3)->body, ==, "镇里调整了领导小组。");
  /* words keep a space between them */
  g_assert_cmpstr (item (o, 4)->title, ==, "Support the troops");
  g_assert_cmpstr (item (o, 4)->body, ==, "The office visits the families of the soldiers every year.");
}

static void
test_crlf_bom_spaces (void)
{
  g_autoptr(SyPlanOutline) o =
    parse_ok ("\xEF\xBB\xBF" "双拥工作计划\r\n\r\n"
              "\xE3\x80\x80\xE3\x80\x80为做好工作，制定本计划。\r\n"
              "一、\xE3\x80\x80组织领导\xE3\x80\x80\r\n"
              "\xE3\x80\x80（一）调整小组\r\n"
              "- 1、明确分工\r\n"
              "二、宣传\r\n");
  g_autofree char *got = sy_plan_outline_format (o);

  g_assert_cmpstr (o->title, ==, "双拥工作计划");
  g_assert_cmpstr (o->preface, ==, "为做好工作，制定本计划。");
  g_assert_cmpstr (got, ==, "一、 组织领导\n  （一） 调整小组\n    1、 明确分工\n二、 宣传\n");
  g_assert_null (strchr (item (o, 0)->title, '\r'));
}

static void
test_no_outline (void)
{
  const char *texts[] = {
    "",
    "\xEF\xBB\xBF\r\n\r\n",
    "今年要做好双拥工作。\n各单位要高度重视。\n",
    "2016年以来，社区开展了多种活动。\n1.5万元\n",
    "#\n##   \n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SyPlanOutline) o = sy_plan_parse_text (texts[i], -1, &error);

      g_assert_null (o);
      g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "一、"));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SyPlanOutline) o = sy_plan_parse_text ("一、\xFF\xFE garbage", -1, &error);

    g_assert_null (o);
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "UTF-8"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan-parser/styles-nesting", test_styles_nesting);
  g_test_add_func ("/plan-parser/arabic-styles", test_arabic_styles);
  g_test_add_func ("/plan-parser/full-half-width", test_full_and_half_width);
  g_test_add_func ("/plan-parser/starts-at-second-level", test_starts_at_second_level);
  g_test_add_func ("/plan-parser/headings", test_headings);
  g_test_add_func ("/plan-parser/preface", test_preface);
  g_test_add_func ("/plan-parser/broken-lines", test_broken_lines);
  g_test_add_func ("/plan-parser/crlf-bom-spaces", test_crlf_bom_spaces);
  g_test_add_func ("/plan-parser/no-outline", test_no_outline);
  return g_test_run ();
}
