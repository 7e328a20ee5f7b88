/* test-core.c: ID numbers, money, masking and SyRecord basics */
#include <locale.h>
#include <string.h>

#include <sy-core.h>

/* --- helpers ------------------------------------------------------------ */

/* @first17 plus its correct check character, so that a test can break
 * exactly one rule (the date, say) and not the checksum as well. */
static char *
with_check (const char *first17)
{
  g_assert_cmpuint (strlen (first17), ==, 17);
  return g_strdup_printf ("%s%c", first17, sy_id_number_check_char (first17));
}

static void
assert_id_invalid (const char *text, const char *message_part)
{
  g_autoptr(GError) error = NULL;
  SyIdInfo info;

  g_assert_false (sy_id_number_validate (text, &info, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s”: message “%s” lacks “%s”", text, error->message, message_part);
}

static void
assert_id_valid (const char *text, const char *normalized)
{
  g_autoptr(GError) error = NULL;
  SyIdInfo info;

  if (!sy_id_number_validate (text, &info, &error))
    g_error ("“%s” refused: %s", text, error->message);
  g_assert_no_error (error);
  g_assert_cmpstr (info.normalized, ==, normalized);
}

/* --- ID numbers --------------------------------------------------------- */

static void
test_id_check_char (void)
{
  g_assert_cmpint (sy_id_number_check_char ("36042619910101007"), ==, '1');
  g_assert_cmpint (sy_id_number_check_char ("12010319880601824"), ==, '1');
  g_assert_cmpint (sy_id_number_check_char ("11010519491231002"), ==, 'X');
  g_assert_cmpint (sy_id_number_check_char ("3604261991010100"), ==, '\0');
  g_assert_cmpint (sy_id_number_check_char ("3604261991010100A"), ==, '\0');
}

static void
test_id_valid (void)
{
  g_autoptr(GError) error = NULL;
  SyIdInfo info;

  g_assert_true (sy_id_number_validate ("360426199101010071", &info, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (info.normalized, ==, "360426199101010071");
  g_assert_cmpstr (info.region, ==, "360426");
  g_assert_true (g_date_valid (&info.birth_date));
  g_assert_cmpint (g_date_get_year (&info.birth_date), ==, 1991);
  g_assert_cmpint (g_date_get_month (&info.birth_date), ==, 1);
  g_assert_cmpint (g_date_get_day (&info.birth_date), ==, 1);
  g_assert_cmpint (info.sex, ==, SY_SEX_MALE);  /* sequence 007 */

  g_assert_true (sy_id_number_validate ("120103198806018241", &info, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (info.region, ==, "120103");
  g_assert_cmpint (g_date_get_year (&info.birth_date), ==, 1988);
  g_assert_cmpint (g_date_get_month (&info.birth_date), ==, 6);
  g_assert_cmpint (g_date_get_day (&info.birth_date), ==, 1);
  g_assert_cmpint (info.sex, ==, SY_SEX_FEMALE);  /* sequence 824 */

  /* info and error are optional */
  g_assert_true (sy_id_number_validate ("120103198806018241", NULL, NULL));
  g_assert_false (sy_id_number_validate ("360426199101010072", NULL, NULL));
}

static void
test_id_x_and_whitespace (void)
{
  assert_id_valid ("11010519491231002X", "11010519491231002X");
  assert_id_valid ("11010519491231002x", "11010519491231002X");
  assert_id_valid ("  360426199101010071\t\n", "360426199101010071");
  assert_id_valid ("\u3000360426199101010071\u3000\u3000", "360426199101010071");
  assert_id_valid ("\u00a0\ufeff11010519491231002x ", "11010519491231002X");
  /* full-width digits from an input method in full-width mode */
  assert_id_valid ("３６０４２６１９９１０１０１００７１", "360426199101010071");
  assert_id_valid ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X");
  /* whitespace inside is not trimmed away */
  assert_id_invalid ("360426 199101010071", "18 characters");
}

static void
test_id_checksum (void)
{
  assert_id_invalid ("360426199101010072", "expected 1, found 2");
  assert_id_invalid ("11010519491231002Y", "digit or X");
  assert_id_invalid ("110105194912310021", "expected X, found 1");
}

static void
test_id_date (void)
{
  g_autofree char *feb30 = with_check ("36042619910230007");
  g_autofree char *month13 = with_check ("36042619911301007");
  g_autofree char *day00 = with_check ("36042619910100007");
  g_autofree char *old = with_check ("36042618891231007");
  g_autofree char *oldest = with_check ("36042618900101007");
  g_autofree char *leap = with_check ("36042620000229002");
  g_autofree char *not_leap = with_check ("36042619000229002");
  g_autofree char *future = with_check ("36042620990101007");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *today17 = g_date_time_format (now, "360426%Y%m%d007");
  g_autofree char *tomorrow17 = g_date_time_format (tomorrow, "360426%Y%m%d007");
  g_autofree char *today_id = with_check (today17);
  g_autofree char *tomorrow_id = with_check (tomorrow17);

  assert_id_invalid (feb30, "19910230");
  assert_id_invalid (month13, "19911301");
  assert_id_invalid (day00, "19910100");
  assert_id_invalid (not_leap, "19000229");
  assert_id_invalid (old, "1889");
  assert_id_invalid (future, "in the future");
  assert_id_invalid (tomorrow_id, "in the future");
  assert_id_valid (today_id, today_id);
  assert_id_valid (oldest, oldest);
  assert_id_valid (leap, leap);
}

static void
test_id_shape (void)
{
  assert_id_invalid (NULL, "empty");
  assert_id_invalid ("", "empty");
  assert_id_invalid (" \u3000 ", "empty");
  assert_id_invalid ("36042619910101007", "has 17");
  assert_id_invalid ("3604261991010100711", "has 19");
  assert_id_invalid ("360426910101007", "15-digit");
  assert_id_invalid ("3604261991O1010071", "Character 11");
  assert_id_invalid ("36042619910101007１a", "18 characters");
  assert_id_invalid ("x60426199101010071", "Character 1 ");
  assert_id_invalid ("36042619910101007\u4e00", "not “一”");
  assert_id_invalid ("\xff\xfe", "not valid text");
}

static void
test_id_excel (void)
{
  const char *mangled[] = {
    "3.60426E+17", "3.60426e17", "3.60426199101010E+17", " 3,60426E+17 ",
    "360426199101010000", "120103198806018000",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (mangled); i++)
    {
      g_assert_true (sy_id_number_is_excel_mangled (mangled[i]));
      assert_id_invalid (mangled[i], "Excel");
      assert_id_invalid (mangled[i], "Text (文本)");
    }

  g_assert_false (sy_id_number_is_excel_mangled (NULL));
  g_assert_false (sy_id_number_is_excel_mangled (""));
  g_assert_false (sy_id_number_is_excel_mangled ("360426199101010071"));
  g_assert_false (sy_id_number_is_excel_mangled ("11010519491231002X"));
  g_assert_false (sy_id_number_is_excel_mangled ("1409.50"));
  g_assert_false (sy_id_number_is_excel_mangled ("E+17"));
  g_assert_false (sy_id_number_is_excel_mangled ("36042619910101000"));

  /* A genuine ID can end in 000 (sequence x00, check character 0): it must
   * pass, not be taken for a rounded number. */
  {
    gboolean found = FALSE;

    for (int day = 1; day <= 28 && !found; day++)
      for (int month = 1; month <= 12 && !found; month++)
        {
          g_autofree char *first17 =
            g_strdup_printf ("3604261990%02d%02d%03d", month, day, 100);

          if (sy_id_number_check_char (first17) == '0')
            {
              g_autofree char *id = with_check (first17);

              g_assert_true (g_str_has_suffix (id, "000"));
              g_assert_false (sy_id_number_is_excel_mangled (id));
              assert_id_valid (id, id);
              found = TRUE;
            }
        }
    g_assert_true (found);
  }
}

static void
test_id_region (void)
{
  const char *known[] = { "11", "15", "21", "23", "31", "37", "41", "46",
                          "50", "54", "61", "65", "71", "81", "82" };
  const char *unknown[] = { "00", "10", "16", "20", "24", "30", "38", "40",
                            "47", "49", "55", "60", "66", "70", "80", "83", "99" };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autofree char *id = g_strconcat (known[i], "0101199001010011", NULL);
      g_assert_true (sy_id_number_region_known (id));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autofree char *id = g_strconcat (unknown[i], "0101199001010011", NULL);
      g_assert_false (sy_id_number_region_known (id));
    }
  g_assert_true (sy_id_number_region_known ("360426199101010071"));
  g_assert_false (sy_id_number_region_known (NULL));
  g_assert_false (sy_id_number_region_known (""));
  g_assert_false (sy_id_number_region_known ("3"));

  /* an unknown region is a warning for callers, not a validation error */
  {
    g_autofree char *id = with_check ("99010119900101001");
    assert_id_valid (id, id);
  }
}

static void
test_id_generate (void)
{
  const char *regions[] = { "360426", "120103", "110105", "440305", "990000" };

  for (int i = 0; i < 2000; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      const char *region = regions[g_test_rand_int_range (0, G_N_ELEMENTS (regions))];
      GDate birth;
      SyIdInfo info;
      int sequence = g_test_rand_int_range (0, 1000);

      g_date_clear (&birth, 1);
      g_date_set_dmy (&birth, 1, 1, 1900);
      g_date_add_days (&birth, g_test_rand_int_range (0, 120 * 365));

      id = sy_id_number_generate (region, &birth, sequence);
      g_assert_nonnull (id);
      g_assert_cmpuint (strlen (id), ==, 18);
      if (!sy_id_number_validate (id, &info, &error))
        g_error ("generated %s refused: %s", id, error->message);
      g_assert_cmpstr (info.normalized, ==, id);
      g_assert_cmpstr (info.region, ==, region);
      g_assert_cmpint (g_date_compare (&info.birth_date, &birth), ==, 0);
      g_assert_cmpint (info.sex, ==, sequence % 2 ? SY_SEX_MALE : SY_SEX_FEMALE);
      g_assert_false (sy_id_number_is_excel_mangled (id));
    }

  {
    GDate birth;
    g_autofree char *id = NULL;

    g_date_clear (&birth, 1);
    g_date_set_dmy (&birth, 1, 1, 1991);
    id = sy_id_number_generate ("360426", &birth, 7);
    g_assert_cmpstr (id, ==, "360426199101010071");
  }
}

/* --- money -------------------------------------------------------------- */

static const struct {
  gint64      fen;
  const char *chinese;
} chinese_cases[] = {
  /* DOMAIN.md / PBOC examples */
  { 140950, "人民币壹仟肆佰零玖元伍角" },
  { 600714, "人民币陆仟零柒元壹角肆分" },
  { 1640902, "人民币壹万陆仟肆佰零玖元零贰分" },
  { 100000, "人民币壹仟元整" },
  { 32504, "人民币叁佰贰拾伍元零肆分" },
  { 168032, "人民币壹仟陆佰捌拾元叁角贰分" },
  { 10700053, "人民币壹拾万柒仟元伍角叁分" },
  /* edge cases */
  { 0, "人民币零元整" },
  { 5, "人民币伍分" },
  { 50, "人民币伍角" },
  { 55, "人民币伍角伍分" },
  { 100, "人民币壹元整" },
  { 105, "人民币壹元零伍分" },
  { 1000, "人民币壹拾元整" },
  { 1500, "人民币壹拾伍元整" },
  { 10000, "人民币壹佰元整" },
  { 10100, "人民币壹佰零壹元整" },
  { 11000, "人民币壹佰壹拾元整" },
  { 100100, "人民币壹仟零壹元整" },
  { 101000, "人民币壹仟零壹拾元整" },
  { 10000000, "人民币壹拾万元整" },
  { 10001000, "人民币壹拾万零壹拾元整" },
  { 101000000, "人民币壹佰零壹万元整" },
  { 100500000, "人民币壹佰万伍仟元整" },
  { 100050000, "人民币壹佰万零伍佰元整" },
  { 10000000001, "人民币壹亿元零壹分" },
  { 10000100000, "人民币壹亿零壹仟元整" },
  { 10050000000, "人民币壹亿零伍拾万元整" },
  { 11000000000, "人民币壹亿壹仟万元整" },
  { 100000000000000, "人民币壹万亿元整" },
  { 100000000000000000, "人民币壹仟万亿元整" },
  { 1000000000000000000, "人民币壹亿亿元整" },
  { 1000000000000000001, "人民币壹亿亿元零壹分" },
  { 999999999999, "人民币玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分" },
  { 1000000000000, "人民币壹佰亿元整" },
  { G_MAXINT64, "人民币玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零柒分" },
};

static void
test_money_chinese (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (chinese_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = sy_money_to_chinese (chinese_cases[i].fen, &error);
      gint64 back = -1;

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, chinese_cases[i].chinese);
      g_assert_true (sy_money_parse_chinese (text, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, chinese_cases[i].fen);
    }
}

static void
test_money_negative (void)
{
  g_autoptr(GError) error = NULL;
  char *text = sy_money_to_chinese (-1, &error);

  g_assert_null (text);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "-0.01"));
  g_clear_error (&error);

  g_assert_null (sy_money_to_chinese (G_MININT64, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_null (sy_money_to_chinese (-140950, NULL));
}

static void
test_money_parse_chinese_variants (void)
{
  static const struct {
    const char *text;
    gint64      fen;
  } ok[] = {
    { "壹仟肆佰零玖元伍角", 140950 },            /* without prefix */
    { "  人民币壹仟元整\u3000", 100000 },
    { "人民币壹仟元正", 100000 },               /* 正 for 整 */
    { "人民币壹仟肆佰零玖元伍角整", 140950 },    /* 整 after 角 is optional */
    { "人民币壹仟陆佰捌拾元零叁角贰分", 168032 }, /* PBOC (三), both forms */
    { "人民币壹拾万零柒仟元伍角叁分", 10700053 },
    { "人民币壹拾万零柒仟元零伍角叁分", 10700053 },
  };
  static const char *bad[] = {
    NULL, "", "人民币", "整", "abc", "1000", "人民币1000元整",
    "人民币拾元整",            /* PBOC: 壹拾 */
    "人民币壹仟元",            /* 整 missing after 元 */
    "人民币壹仟零零伍元整",     /* one 零 for a run */
    "人民币壹仟伍元整",         /* 零 missing inside */
    "人民币壹元伍分",           /* 零 missing before 分 */
    "人民币零元伍分",           /* below 1 元 there is no 元 */
    "人民币零伍分",
    "人民币伍分整",
    "人民币壹仟元整整",
    "人民币壹佰零壹万零元整",
    "人民币壹万万元整",
    "人民币壹仟壹仟元整",
    "人民币壹仟肆佰零玖元伍角伍",
    "人民币伍角零分",
    "人民币壹仟肆佰零玖元伍",
    "人民币壹元零角伍分",
    "人民币壹拾零元整",
    "人民币壹亿零元整",
    "人民币元整",
    "人民币壹元元整",
    "人民币壹壹元整",
    "人民币壹拾万元零整",
    "美元壹元整",
    "人民币贰拾元整 ok",
    "人民币玖亿贰仟贰佰叁拾叁万柒仟贰佰零叁亿陆仟捌佰伍拾肆万柒仟柒佰伍拾捌元零捌分", /* > G_MAXINT64 */
    "人民币玖亿亿亿亿元整",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = -1;

      if (!sy_money_parse_chinese (ok[i].text, &fen, &error))
        g_error ("“%s” refused: %s", ok[i].text, error->message);
      g_assert_cmpint (fen, ==, ok[i].fen);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = 4242;

      if (sy_money_parse_chinese (bad[i], &fen, &error))
        g_error ("“%s” accepted as %" G_GINT64_FORMAT, bad[i], fen);
      g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
      g_assert_cmpint (fen, ==, 4242);
    }
}

/* The issue's edge cases, both ways: 大写 of the figures, and the figures
 * of the 大写.  10 is 壹拾 (never a bare 拾: a cheque amount must not be
 * open to a digit written in front), so "拾元整" is refused, not read. */
static void
test_money_issue_edge_cases (void)
{
  static const struct {
    gint64      fen;
    const char *chinese;
  } cases[] = {
    { 5, "人民币伍分" },
    { 1000, "人民币壹拾元整" },
    { 10000000, "人民币壹拾万元整" },
    { 10000000001, "人民币壹亿元零壹分" },
    { 140950, "人民币壹仟肆佰零玖元伍角" },
    { 600714, "人民币陆仟零柒元壹角肆分" },
    { 1640902, "人民币壹万陆仟肆佰零玖元零贰分" },
    { 100000, "人民币壹仟元整" },
  };
  g_autoptr(GError) error = NULL;
  gint64 fen = 4242;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sy_money_to_chinese (cases[i].fen, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, cases[i].chinese);
      fen = -1;
      g_assert_true (sy_money_parse_chinese (cases[i].chinese, &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, cases[i].fen);
    }

  fen = 4242;
  g_assert_false (sy_money_parse_chinese ("人民币拾元整", &fen, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_money_parse_chinese ("人民币拾万元整", &fen, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (fen, ==, 4242);

  g_assert_null (sy_money_to_chinese (-5, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sy_money_to_chinese (-10000000001, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
}

static void
assert_reconcile_fails (gint64      lines,
                        gint64      printed,
                        const char *words,
                        gint64      file,
                        const char *const *figures)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sy_money_reconcile (lines, printed, words, file, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  /* The message names the figures that disagree. */
  for (gsize i = 0; figures[i] != NULL; i++)
    if (strstr (error->message, figures[i]) == NULL)
      g_error ("“%s” does not name %s", error->message, figures[i]);
}

static void
test_money_reconcile (void)
{
  g_autoptr(GError) error = NULL;
  const char *words = "人民币壹万陆仟肆佰零玖元零贰分";

  /* All equal, with and without a bank file; the PBOC variant spellings
   * of the words are the same amount. */
  g_assert_true (sy_money_reconcile (1640902, 1640902, words, -1, &error));
  g_assert_no_error (error);
  g_assert_true (sy_money_reconcile (1640902, 1640902, words, 1640902, &error));
  g_assert_no_error (error);
  g_assert_true (sy_money_reconcile (0, 0, "人民币零元整", 0, &error));
  g_assert_no_error (error);
  g_assert_true (sy_money_reconcile (10700053, 10700053, "人民币壹拾万零柒仟元伍角叁分",
                                     -1, &error));
  g_assert_no_error (error);

  /* Lines against the printed figures. */
  assert_reconcile_fails (1640902, 1640903, words, -1,
                          (const char *[]) { "16,409.02", "16,409.03", NULL });
  /* Words that say another amount. */
  assert_reconcile_fails (1640903, 1640903, words, -1,
                          (const char *[]) { "16,409.02", "16,409.03", words, NULL });
  /* Words that are not an amount, or missing. */
  assert_reconcile_fails (1640902, 1640902, "人民币壹万陆仟肆佰零玖元贰分", -1,
                          (const char *[]) { "16,409.02", "人民币壹万陆仟肆佰零玖元贰分", NULL });
  assert_reconcile_fails (1640902, 1640902, NULL, -1,
                          (const char *[]) { "16,409.02", NULL });
  /* The bank file. */
  assert_reconcile_fails (1640902, 1640902, words, 1640802,
                          (const char *[]) { "16,409.02", "16,408.02", NULL });
  assert_reconcile_fails (1640902, 1640902, words, 0,
                          (const char *[]) { "16,409.02", "0.00", NULL });
}

static gint64
random_fen (gint64 limit)
{
  guint64 r = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();

  return (gint64) (r % (guint64) limit);
}

/* Random amounts hit long runs of zeros rarely; these do on purpose. */
static gint64
random_sparse_fen (int max_digits)
{
  int n = g_test_rand_int_range (1, max_digits + 1);
  gint64 v = 0;

  for (int i = 0; i < n; i++)
    v = v * 10 + (g_test_rand_bit () ? 0 : g_test_rand_int_range (1, 10));
  return v;
}

static void
round_trip (gint64 fen)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = sy_money_to_chinese (fen, &error);
  gint64 back = -1;

  g_assert_no_error (error);
  g_assert_nonnull (text);
  if (!sy_money_parse_chinese (text, &back, &error))
    g_error ("%" G_GINT64_FORMAT " → “%s” refused: %s", fen, text, error->message);
  if (back != fen)
    g_error ("%" G_GINT64_FORMAT " → “%s” → %" G_GINT64_FORMAT, fen, text, back);
}

static void
test_money_round_trip (void)
{
  const gint64 limit = G_GINT64_CONSTANT (1000000000000) + 1;  /* 10¹² 分 */

  for (gint64 fen = 0; fen <= 200000; fen++)
    round_trip (fen);
  for (int i = 0; i < 100000; i++)
    {
      round_trip (random_fen (limit));
      round_trip (random_sparse_fen (13));
      round_trip (random_sparse_fen (18));
    }
  for (gint64 p = 1; p <= G_MAXINT64 / 10; p *= 10)
    {
      round_trip (p);
      round_trip (p + 1);
      round_trip (p * 10 - 1);
    }
  round_trip (G_MAXINT64);
}

static void
test_money_format (void)
{
  static const struct {
    gint64      fen;
    const char *grouped;
    const char *plain;
  } cases[] = {
    { 0, "0.00", "0.00" },
    { 5, "0.05", "0.05" },
    { 50, "0.50", "0.50" },
    { 99999, "999.99", "999.99" },
    { 140950, "1,409.50", "1409.50" },
    { 100000000, "1,000,000.00", "1000000.00" },
    { 12345678901, "123,456,789.01", "123456789.01" },
    { -140950, "-1,409.50", "-1409.50" },
    { -5, "-0.05", "-0.05" },
    { G_MAXINT64, "92,233,720,368,547,758.07", "92233720368547758.07" },
    { G_MININT64, "-92,233,720,368,547,758.08", "-92233720368547758.08" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *grouped = sy_money_format (cases[i].fen);
      g_autofree char *plain = sy_money_format_plain (cases[i].fen);

      g_assert_cmpstr (grouped, ==, cases[i].grouped);
      g_assert_cmpstr (plain, ==, cases[i].plain);
    }
}

static void
test_money_parse (void)
{
  static const struct {
    const char *text;
    gint64      fen;
  } ok[] = {
    { "1,409.5", 140950 },
    { "1409.50", 140950 },
    { "1409", 140900 },
    { " 1409.5 ", 140950 },
    { "\u30001,409.50\u3000", 140950 },
    { "0", 0 },
    { "0.05", 5 },
    { "0.5", 50 },
    { "-1", -100 },
    { "-1,409.05", -140905 },
    { "¥1,000", 100000 },
    { "￥12.30", 1230 },
    { "1,000,000", 100000000 },
    { "92233720368547758.07", G_MAXINT64 },
  };
  static const char *bad[] = {
    NULL, "", "  ", "abc", "1409.505", "1.999", "1.", ".5", "-", "+1", "1e3",
    "1,40,9", "14,09", "1234,567", ",123", "1,", "1.2.3", "1 409", "1409元",
    "１４０９", "0x10", "--1", "1.-5", "92233720368547758.08",
    "99999999999999999999", "1,409.5a",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = -42;

      if (!sy_money_parse (ok[i].text, &fen, &error))
        g_error ("“%s” refused: %s", ok[i].text, error->message);
      g_assert_cmpint (fen, ==, ok[i].fen);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen = -42;

      if (sy_money_parse (bad[i], &fen, &error))
        g_error ("“%s” accepted as %" G_GINT64_FORMAT, bad[i], fen);
      g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
      g_assert_cmpint (fen, ==, -42);
    }

  /* the message says which rule failed */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sy_money_parse ("1409.505", NULL, &error));
    g_assert_nonnull (strstr (error->message, "two decimal places"));
  }

  /* figures round-trip through both formats */
  for (int i = 0; i < 20000; i++)
    {
      gint64 fen = random_fen (G_GINT64_CONSTANT (1) << 62) * (g_test_rand_bit () ? -1 : 1);
      g_autofree char *grouped = sy_money_format (fen);
      g_autofree char *plain = sy_money_format_plain (fen);
      gint64 a = 0, b = 0;

      g_assert_true (sy_money_parse (grouped, &a, NULL));
      g_assert_true (sy_money_parse (plain, &b, NULL));
      g_assert_cmpint (a, ==, fen);
      g_assert_cmpint (b, ==, fen);
    }
}

/* --- masking ------------------------------------------------------------ */

static void
assert_masked (char *masked, const char *expected)
{
  g_assert_nonnull (masked);
  g_assert_true (g_utf8_validate (masked, -1, NULL));
  g_assert_cmpstr (masked, ==, expected);
  g_free (masked);
}

static void
test_mask_id (void)
{
  assert_masked (sy_mask_id_number ("110105199001011234"), "110105********1234");
  assert_masked (sy_mask_id_number ("11010519491231002X"), "110105********002X");
  assert_masked (sy_mask_id_number(" 360426199101010071 "), "360426********0071");
  assert_masked (sy_mask_id_number ("360426910101007"), "360426*****1007");
  assert_masked (sy_mask_id_number ("12345678901"), "123456*8901");
  assert_masked (sy_mask_id_number ("1234567890"), "*********0");
  assert_masked (sy_mask_id_number ("12"), "*2");
  assert_masked (sy_mask_id_number (NULL), "");
  assert_masked (sy_mask_id_number (""), "");
  assert_masked (sy_mask_id_number ("   "), "");
  /* characters, not bytes */
  assert_masked (sy_mask_id_number ("１１０１０５１９９００１０１１２３４"),
                 "１１０１０５********１２３４");
  assert_masked (sy_mask_id_number ("军官证字第123456号"), "军官证字第1**456号");
  {
    char *masked = sy_mask_id_number ("1101051990\xff\xfe""011234");
    g_assert_true (g_utf8_validate (masked, -1, NULL));
    g_assert_null (strstr (masked, "1990"));
    g_free (masked);
  }
}

static void
test_mask_phone (void)
{
  assert_masked (sy_mask_phone ("13812341234"), "138****1234");
  assert_masked (sy_mask_phone (" 13812341234 "), "138****1234");
  assert_masked (sy_mask_phone ("138-1234-1234"), "138-****-1234");
  assert_masked (sy_mask_phone ("138 1234 1234"), "138 **** 1234");
  assert_masked (sy_mask_phone ("+86 138 1234 1234"), "+86 1** **** 1234");
  assert_masked (sy_mask_phone ("88881234"), "****1234");
  assert_masked (sy_mask_phone ("010-8888123"), "***-***8123");
  assert_masked (sy_mask_phone ("12345"), "****5");
  assert_masked (sy_mask_phone ("1"), "*");
  assert_masked (sy_mask_phone ("１３８１２３４１２３４"), "１３８****１２３４");
  assert_masked (sy_mask_phone (NULL), "");
  assert_masked (sy_mask_phone (""), "");
}

static void
test_mask_profiles (void)
{
  SyMaskProfile all[] = { SY_MASK_INTERNAL, SY_MASK_PUBLIC, SY_MASK_BANK };
  SyMaskProfile p;

  g_assert_cmpstr (sy_mask_profile_to_string (SY_MASK_INTERNAL), ==, "internal");
  g_assert_cmpstr (sy_mask_profile_to_string (SY_MASK_PUBLIC), ==, "public");
  g_assert_cmpstr (sy_mask_profile_to_string (SY_MASK_BANK), ==, "bank");

  for (gsize i = 0; i < G_N_ELEMENTS (all); i++)
    {
      p = (SyMaskProfile) -1;
      g_assert_true (sy_mask_profile_from_string (sy_mask_profile_to_string (all[i]), &p));
      g_assert_cmpint (p, ==, all[i]);
    }
  g_assert_true (sy_mask_profile_from_string (" Public ", &p));
  g_assert_cmpint (p, ==, SY_MASK_PUBLIC);
  g_assert_true (sy_mask_profile_from_string ("公示", &p));
  g_assert_cmpint (p, ==, SY_MASK_PUBLIC);
  g_assert_true (sy_mask_profile_from_string ("bank", NULL));

  p = SY_MASK_BANK;
  g_assert_false (sy_mask_profile_from_string ("secret", &p));
  g_assert_false (sy_mask_profile_from_string ("", &p));
  g_assert_false (sy_mask_profile_from_string (NULL, &p));
  g_assert_cmpint (p, ==, SY_MASK_BANK);
}

/* --- SyRecord ----------------------------------------------------------- */

static void
count_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(int *) user_data)++;
}

static void
test_record_fields (void)
{
  g_autoptr(SyEvent) event = sy_event_new ();
  g_autofree char *title = NULL;
  gint64 plan_item_id = 0;
  gint leaders = 0;

  g_assert_true (SY_IS_RECORD (event));
  g_assert_cmpstr (sy_record_class_get_entity_name (SY_RECORD_GET_CLASS (event)), ==, "event");
  g_assert_null (sy_event_get_title (event));
  g_assert_cmpint (sy_event_get_plan_item_id (event), ==, 0);

  sy_event_set_title (event, "八一建军节走访慰问");
  sy_event_set_date (event, "2024-08-01");
  sy_event_set_leaders (event, 3);
  sy_event_set_plan_item_id (event, 42);
  sy_record_set_id (SY_RECORD (event), 7);
  sy_record_set_version (SY_RECORD (event), 2);

  g_assert_cmpstr (sy_event_get_title (event), ==, "八一建军节走访慰问");
  g_assert_cmpstr (sy_event_get_date (event), ==, "2024-08-01");
  g_assert_cmpint (sy_event_get_leaders (event), ==, 3);
  g_assert_cmpint (sy_event_get_plan_item_id (event), ==, 42);
  g_assert_cmpint (sy_record_get_id (SY_RECORD (event)), ==, 7);
  g_assert_cmpint (sy_record_get_version (SY_RECORD (event)), ==, 2);

  g_object_get (event, "plan-item-id", &plan_item_id, "title", &title,
                "leaders", &leaders, NULL);
  g_assert_cmpint (plan_item_id, ==, 42);
  g_assert_cmpstr (title, ==, "八一建军节走访慰问");
  g_assert_cmpint (leaders, ==, 3);

  plan_item_id = 0;
  g_object_get (event, "plan_item_id", &plan_item_id, NULL);
  g_assert_cmpint (plan_item_id, ==, 42);

  {
    gint64 id = 0, version = 0;
    g_object_get (event, "id", &id, "version", &version, NULL);
    g_assert_cmpint (id, ==, 7);
    g_assert_cmpint (version, ==, 2);
  }

  g_object_set (event, "plan-item-id", (gint64) 43, "place", "烈士陵园",
                "soldiers", 12, NULL);
  g_assert_cmpint (sy_event_get_plan_item_id (event), ==, 43);
  g_assert_cmpstr (sy_event_get_place (event), ==, "烈士陵园");
  g_assert_cmpint (sy_event_get_soldiers (event), ==, 12);

  g_assert_nonnull (sy_record_class_find_field (SY_RECORD_GET_CLASS (event), "plan_item_id"));
  g_assert_nonnull (sy_record_class_find_field (SY_RECORD_GET_CLASS (event), "id"));
  g_assert_null (sy_record_class_find_field (SY_RECORD_GET_CLASS (event), "no_such_column"));

  sy_event_set_title (event, NULL);
  g_assert_null (sy_event_get_title (event));
}

static void
assert_records_equal (SyRecord *a, SyRecord *b)
{
  SyRecordClass *klass = SY_RECORD_GET_CLASS (a);
  const char *base[] = { "id", "version", "created_at", "created_by",
                         "updated_at", "updated_by" };
  const SyFieldSpec *fields;
  guint n;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  fields = sy_record_class_get_fields (klass, &n);
  for (guint i = 0; i < n + G_N_ELEMENTS (base); i++)
    {
      const SyFieldSpec *spec = i < n ? &fields[i]
                                      : sy_record_class_find_field (klass, base[i - n]);
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      g_assert_nonnull (spec);
      sy_record_get_field_value (a, spec, &va);
      sy_record_get_field_value (b, spec, &vb);
      g_assert_true (G_VALUE_TYPE (&va) == G_VALUE_TYPE (&vb));
      if (G_VALUE_HOLDS_STRING (&va))
        g_assert_cmpstr (g_value_get_string (&va), ==, g_value_get_string (&vb));
      else if (G_VALUE_HOLDS_INT (&va))
        g_assert_cmpint (g_value_get_int (&va), ==, g_value_get_int (&vb));
      else if (G_VALUE_HOLDS_INT64 (&va))
        g_assert_cmpint (g_value_get_int64 (&va), ==, g_value_get_int64 (&vb));
      else if (G_VALUE_HOLDS_BOOLEAN (&va))
        g_assert_cmpint (g_value_get_boolean (&va), ==, g_value_get_boolean (&vb));
    }
}

static void
test_record_copy (void)
{
  g_autoptr(SyEvent) event = sy_event_new ();
  g_autoptr(SyRecord) copy = NULL;
  g_autofree char *json_a = NULL;
  g_autofree char *json_b = NULL;

  sy_event_set_title (event, "军民联欢");
  sy_event_set_content (event, "第一行\n第二行");
  sy_event_set_civilians (event, 120);
  sy_event_set_unit_id (event, 3);
  sy_event_set_photo_count (event, 4);
  sy_record_set_id (SY_RECORD (event), 99);
  sy_record_set_version (SY_RECORD (event), 5);

  copy = sy_record_copy (SY_RECORD (event));
  g_assert_true (SY_IS_EVENT (copy));
  g_assert_true ((gpointer) copy != (gpointer) event);
  assert_records_equal (SY_RECORD (event), copy);
  g_assert_cmpint (sy_record_get_id (copy), ==, 99);
  g_assert_cmpint (sy_record_get_version (copy), ==, 5);

  /* a deep copy: strings are not shared */
  g_assert_true (sy_event_get_title (SY_EVENT (copy)) != sy_event_get_title (event));
  sy_event_set_title (event, "changed");
  g_assert_cmpstr (sy_event_get_title (SY_EVENT (copy)), ==, "军民联欢");
  sy_event_set_title (event, "军民联欢");

  json_a = sy_record_to_json (SY_RECORD (event));
  json_b = sy_record_to_json (copy);
  g_assert_cmpstr (json_a, ==, json_b);
}

static void
test_record_json (void)
{
  g_autoptr(SyEvent) event = sy_event_new ();
  g_autofree char *json = NULL;

  sy_event_set_title (event, "他说：\"拥军\"\n第二行\t\\结束");
  sy_event_set_place (event, "control\x01" "char");
  sy_event_set_leaders (event, 2);
  sy_event_set_unit_id (event, 5);
  sy_event_set_photo_count (event, 3);
  json = sy_record_to_json (SY_RECORD (event));

  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_true (g_str_has_prefix (json, "{"));
  g_assert_true (g_str_has_suffix (json, "}"));
  g_assert_nonnull (strstr (json, "\"title\":\"他说：\\\"拥军\\\"\\n第二行\\t\\\\结束\""));
  g_assert_nonnull (strstr (json, "\"place\":\"control\\u0001char\""));
  g_assert_nonnull (strstr (json, "\"leaders\":2"));
  g_assert_nonnull (strstr (json, "\"unit_id\":5"));
  g_assert_nonnull (strstr (json, "\"kind\":null"));
  g_assert_nonnull (strstr (json, "\"plan_item_id\":null"));  /* REF 0 is NULL */
  g_assert_null (strstr (json, "photo_count"));  /* derived, never stored */
  g_assert_null (strchr (json, '\n'));
}

static void
test_record_notify (void)
{
  g_autoptr(SyEvent) event = sy_event_new ();
  int title_count = 0, leaders_count = 0, plan_count = 0, id_count = 0;

  g_signal_connect (event, "notify::title", G_CALLBACK (count_notify), &title_count);
  g_signal_connect (event, "notify::leaders", G_CALLBACK (count_notify), &leaders_count);
  g_signal_connect (event, "notify::plan-item-id", G_CALLBACK (count_notify), &plan_count);
  g_signal_connect (event, "notify::id", G_CALLBACK (count_notify), &id_count);

  sy_event_set_title (event, "座谈会");
  g_assert_cmpint (title_count, ==, 1);
  sy_event_set_title (event, "座谈会");
  g_assert_cmpint (title_count, ==, 1);
  sy_event_set_title (event, "座谈会（二）");
  g_assert_cmpint (title_count, ==, 2);
  sy_event_set_title (event, NULL);
  g_assert_cmpint (title_count, ==, 3);
  sy_event_set_title (event, NULL);
  g_assert_cmpint (title_count, ==, 3);

  sy_event_set_leaders (event, 4);
  sy_event_set_leaders (event, 4);
  g_assert_cmpint (leaders_count, ==, 1);

  sy_event_set_plan_item_id (event, 8);
  sy_event_set_plan_item_id (event, 8);
  g_assert_cmpint (plan_count, ==, 1);

  sy_record_set_id (SY_RECORD (event), 11);
  sy_record_set_id (SY_RECORD (event), 11);
  g_assert_cmpint (id_count, ==, 1);

  g_assert_cmpint (title_count, ==, 3);
}

/* Editors bind widgets to these properties, so g_object_set() must notify
 * like the setters do: once on a change, never for the same value. */
static void
test_record_notify_set_property (void)
{
  g_autoptr(SyEvent) event = sy_event_new ();
  int title_count = 0, plan_count = 0;

  g_signal_connect (event, "notify::title", G_CALLBACK (count_notify), &title_count);
  g_signal_connect (event, "notify::plan-item-id", G_CALLBACK (count_notify), &plan_count);

  g_object_set (event, "title", "座谈会", "plan-item-id", (gint64) 8, NULL);
  g_assert_cmpstr (sy_event_get_title (event), ==, "座谈会");
  g_assert_cmpint (title_count, ==, 1);
  g_assert_cmpint (plan_count, ==, 1);
  g_object_set (event, "title", "座谈会", "plan-item-id", (gint64) 8, NULL);
  g_assert_cmpint (title_count, ==, 1);
  g_assert_cmpint (plan_count, ==, 1);
  g_object_set (event, "title", NULL, NULL);
  g_assert_cmpint (title_count, ==, 2);
}

/* Every entity: each field settable through its property, copied, and in
 * the JSON unless derived. */
static void
test_record_all_entities (void)
{
  GType types[] = {
    SY_TYPE_ASSESSMENT_ITEM, SY_TYPE_DISBURSEMENT_BATCH, SY_TYPE_DISBURSEMENT_LINE,
    SY_TYPE_DOCUMENT, SY_TYPE_EVENT_PHOTO, SY_TYPE_EVENT, SY_TYPE_LEADING_GROUP_MEMBER,
    SY_TYPE_MILITARY_UNIT, SY_TYPE_PLAN_ITEM, SY_TYPE_PLAN, SY_TYPE_RECIPIENT_CATEGORY,
    SY_TYPE_RECIPIENT, SY_TYPE_STATUS_CHANGE, SY_TYPE_SUBSIDY_STANDARD, SY_TYPE_UNIT,
  };

  for (gsize t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(SyRecord) record = g_object_new (types[t], NULL);
      g_autoptr(SyRecord) copy = NULL;
      g_autofree char *json = NULL;
      SyRecordClass *klass = SY_RECORD_GET_CLASS (record);
      const SyFieldSpec *fields;
      guint n;

      g_assert_nonnull (sy_record_class_get_entity_name (klass));
      fields = sy_record_class_get_fields (klass, &n);
      g_assert_cmpuint (n, >, 0);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *prop = g_strdelimit (g_strdup (fields[i].name), "_", '-');
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), prop);
          g_autofree char *text = g_strdup_printf ("值 \"%u\"", i);

          g_assert_nonnull (pspec);
          g_assert_true (sy_record_class_find_field (klass, fields[i].name) == &fields[i]);
          switch (fields[i].type)
            {
            case SY_FIELD_STRING:
              g_object_set (record, prop, text, NULL);
              break;
            case SY_FIELD_INT:
              g_object_set (record, prop, (gint) (i + 1), NULL);
              break;
            case SY_FIELD_INT64:
            case SY_FIELD_REF:
              g_object_set (record, prop, (gint64) (i + 1) * G_GINT64_CONSTANT (10000000000), NULL);
              break;
            case SY_FIELD_BOOLEAN:
              g_object_set (record, prop, TRUE, NULL);
              break;
            default:
              g_assert_not_reached ();
            }
        }

      copy = sy_record_copy (record);
      assert_records_equal (record, copy);
      json = sy_record_to_json (record);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *key = g_strdup_printf ("\"%s\":", fields[i].name);
          gboolean present = strstr (json, key) != NULL;

          g_assert_cmpint (present, ==, !(fields[i].flags & SY_FIELD_DERIVED));
        }
    }
}

int
main (int argc, char **argv)
{
  /* Messages are checked against their English msgids. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/id/check-char", test_id_check_char);
  g_test_add_func ("/core/id/valid", test_id_valid);
  g_test_add_func ("/core/id/x-and-whitespace", test_id_x_and_whitespace);
  g_test_add_func ("/core/id/checksum", test_id_checksum);
  g_test_add_func ("/core/id/date", test_id_date);
  g_test_add_func ("/core/id/shape", test_id_shape);
  g_test_add_func ("/core/id/excel", test_id_excel);
  g_test_add_func ("/core/id/region", test_id_region);
  g_test_add_func ("/core/id/generate", test_id_generate);

  g_test_add_func ("/core/money/chinese", test_money_chinese);
  g_test_add_func ("/core/money/negative", test_money_negative);
  g_test_add_func ("/core/money/parse-chinese", test_money_parse_chinese_variants);
  g_test_add_func ("/core/money/round-trip", test_money_round_trip);
  g_test_add_func ("/core/money/format", test_money_format);
  g_test_add_func ("/core/money/parse", test_money_parse);
  g_test_add_func ("/core/money/issue-edge-cases", test_money_issue_edge_cases);
  g_test_add_func ("/core/money/reconcile", test_money_reconcile);

  g_test_add_func ("/core/mask/id", test_mask_id);
  g_test_add_func ("/core/mask/phone", test_mask_phone);
  g_test_add_func ("/core/mask/profiles", test_mask_profiles);

  g_test_add_func ("/core/record/fields", test_record_fields);
  g_test_add_func ("/core/record/copy", test_record_copy);
  g_test_add_func ("/core/record/json", test_record_json);
  g_test_add_func ("/core/record/notify", test_record_notify);
  g_test_add_func ("/core/record/notify-set-property", test_record_notify_set_property);
  g_test_add_func ("/core/record/all-entities", test_record_all_entities);

  return g_test_run ();
}
