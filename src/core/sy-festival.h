/* sy-festival.h: the time nodes of the 双拥 year (元旦, 春节, 清明 …) and the
 * lunar calendar and solar terms they follow, for 1950–2100 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The lunar table covers the lunar years whose 正月初一 falls in these
 * Gregorian years; festival dates are computed for the same span. */
#define SY_LUNAR_FIRST_YEAR 1949
#define SY_LUNAR_LAST_YEAR  2101

/* The 24 solar terms in their order within a Gregorian year. */
typedef enum {
  SY_SOLAR_TERM_XIAOHAN,      /* 小寒 */
  SY_SOLAR_TERM_DAHAN,        /* 大寒 */
  SY_SOLAR_TERM_LICHUN,       /* 立春 */
  SY_SOLAR_TERM_YUSHUI,       /* 雨水 */
  SY_SOLAR_TERM_JINGZHE,      /* 惊蛰 */
  SY_SOLAR_TERM_CHUNFEN,      /* 春分 */
  SY_SOLAR_TERM_QINGMING,     /* 清明 */
  SY_SOLAR_TERM_GUYU,         /* 谷雨 */
  SY_SOLAR_TERM_LIXIA,        /* 立夏 */
  SY_SOLAR_TERM_XIAOMAN,      /* 小满 */
  SY_SOLAR_TERM_MANGZHONG,    /* 芒种 */
  SY_SOLAR_TERM_XIAZHI,       /* 夏至 */
  SY_SOLAR_TERM_XIAOSHU,      /* 小暑 */
  SY_SOLAR_TERM_DASHU,        /* 大暑 */
  SY_SOLAR_TERM_LIQIU,        /* 立秋 */
  SY_SOLAR_TERM_CHUSHU,       /* 处暑 */
  SY_SOLAR_TERM_BAILU,        /* 白露 */
  SY_SOLAR_TERM_QIUFEN,       /* 秋分 */
  SY_SOLAR_TERM_HANLU,        /* 寒露 */
  SY_SOLAR_TERM_SHUANGJIANG,  /* 霜降 */
  SY_SOLAR_TERM_LIDONG,       /* 立冬 */
  SY_SOLAR_TERM_XIAOXUE,      /* 小雪 */
  SY_SOLAR_TERM_DAXUE,        /* 大雪 */
  SY_SOLAR_TERM_DONGZHI,      /* 冬至 */
  SY_SOLAR_TERM_COUNT
} SySolarTerm;

/* Lunar calendar: @lunar_year is the Gregorian year in which its 正月初一
 * falls; @leap asks for the leap month (闰月) after @month. */
gboolean     sy_lunar_to_solar       (int          lunar_year,
                                      int          month,
                                      int          day,
                                      gboolean     leap,
                                      GDate       *out);
gboolean     sy_solar_to_lunar       (const GDate *date,
                                      int         *lunar_year,
                                      int         *month,
                                      int         *day,
                                      gboolean    *leap);
/* 0 when the lunar year has no leap month. */
int          sy_lunar_leap_month     (int          lunar_year);
/* 29 or 30; 0 when out of range or no such month. */
int          sy_lunar_month_days     (int          lunar_year,
                                      int          month,
                                      gboolean     leap);

/* The Beijing-time (UTC+8) date of a solar term. */
gboolean     sy_solar_term_date      (int          year,
                                      SySolarTerm  term,
                                      GDate       *out);
const char  *sy_solar_term_name      (SySolarTerm  term);

/* Office settings for the nodes that are not fixed by law or calendar. */
typedef struct {
  int veterans_month;      /* 老兵退伍日: default 9-1 */
  int veterans_day;
  int conscription_month;  /* 冬季征兵 start: default 11-1 */
  int conscription_day;
} SyFestivalOptions;

void         sy_festival_options_init (SyFestivalOptions *options);

/* One node on one date. @id points into static storage. */
typedef struct {
  const char *id;
  GDate       date;
} SyFestivalOccurrence;

/* NULL-terminated list of node ids ("spring-festival", …), in calendar order. */
const char * const *sy_festival_ids  (void);
/* Chinese name as written in plans (春节) — data, not a UI message. */
const char  *sy_festival_name_zh     (const char  *id);
/* Name for the UI, translated. */
const char  *sy_festival_display_name (const char *id);
/* The id for an id or a Chinese name (“春节”, “端午节” …), or NULL. */
const char  *sy_festival_lookup      (const char  *name);

/* @name: an id or a Chinese name. FALSE when unknown or out of range. */
gboolean     sy_festival_date        (const char  *name,
                                      int          year,
                                      GDate       *out);
gboolean     sy_festival_date_full   (const char              *name,
                                      int                      year,
                                      const SyFestivalOptions *options,
                                      GDate                   *out);

/* The nodes falling in [@from, @from + @days), in date order (then list
 * order): a GArray of SyFestivalOccurrence. */
GArray      *sy_festival_upcoming    (const GDate *from,
                                      int          days);
GArray      *sy_festival_upcoming_full (const GDate             *from,
                                        int                      days,
                                        const SyFestivalOptions *options);

G_END_DECLS
