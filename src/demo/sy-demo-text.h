/* sy-demo-text.h: the demo office's fixed vocabulary (private)
 *
 * Place names, people, the plan outline and the activity templates of the
 * fictional 清源县.  Everything here is data; sy-demo.c picks from it with
 * the seed's GRand.  Texts may hold {X} variables and alternatives
 * separated by '|' (one is chosen per use).
 */
#pragma once

#include <glib.h>
#include "sy-demo-photo.h"

G_BEGIN_DECLS

#define SY_DEMO_COUNTY       "清源县"
#define SY_DEMO_OFFICE       "清源县双拥工作领导小组办公室"
#define SY_DEMO_REGION       "360426"

typedef struct {
  const char *name;
  const char *level;         /* 镇 or 乡 */
  const char *villages[5];   /* NULL-terminated */
} SyDemoTown;

extern const SyDemoTown sy_demo_towns[];
extern const guint      sy_demo_n_towns;

typedef struct {
  const char *name;
  const char *designation;
  const char *address;
  const char *contact;
} SyDemoMilitary;

extern const SyDemoMilitary sy_demo_military[3];

typedef struct {
  const char *name;
  const char *role;          /* 组长, 副组长, 成员 */
  const char *post;
  const char *member_unit;
  int         from_offset;   /* 0: in office since before the first year; 1: joined in the second */
  gboolean    leaves;        /* leaves in the second year (the one change) */
} SyDemoMember;

extern const SyDemoMember sy_demo_members[];
extern const guint        sy_demo_n_members;

/* The group leader (组长) and the office's own staff. */
#define SY_DEMO_LEADER    "周立新"
#define SY_DEMO_RECORDER  "刘晓雯"
#define SY_DEMO_REVIEWER  "陈志明"

/* How a date is found in a year. */
typedef enum {
  SY_DEMO_DATE_FIXED,         /* month, days from..to */
  SY_DEMO_DATE_SPRING,        /* 春节 + from..to days */
  SY_DEMO_DATE_QINGMING,      /* 清明 + from..to days */
  SY_DEMO_DATE_DEFENCE_DAY,   /* third Saturday of September */
} SyDemoDateRule;

typedef struct {
  int         level;          /* 0, 1, 2 */
  const char *key;            /* links activities to the item, or NULL */
  const char *title;          /* "first|second" gives a different text in the second year */
  const char *time_node;
  SyDemoDateRule due_rule;
  int         due_month, due_day;
  const char *responsible;
  guint       years;          /* 1 = first year only, 2 = second only, 3 = both */
} SyDemoPlanLine;

extern const SyDemoPlanLine sy_demo_plan[];
extern const guint          sy_demo_n_plan;
extern const char          *sy_demo_plan_preface[2];

typedef struct {
  const char     *plan_key;
  guint           years;
  const char     *kind;
  SyDemoScene     scene;
  SyDemoDateRule  rule;
  int             month, from, to;
  const char     *title;
  const char     *place;
  const char     *organiser;
  const char     *participants;
  int             leaders[2], soldiers[2], civilians[2];
  guint           military;   /* bit i: sy_demo_military[i] took part */
  gboolean        visit;      /* keeps a visit register (event_recipient) */
  const char     *content[6]; /* sentences, each with |-alternatives */
  const char     *outcome;
  const char     *captions[4];
} SyDemoEventTemplate;

extern const SyDemoEventTemplate sy_demo_events[];
extern const guint               sy_demo_n_events;

/* Names */
extern const char *sy_demo_surnames;      /* one character each */
extern const char *sy_demo_male_chars;
extern const char *sy_demo_female_chars;
extern const char *sy_demo_old_male_names[];   /* NULL-terminated, for the oldest men */
extern const char *sy_demo_streets[];          /* NULL-terminated */
extern const char *sy_demo_needs[];            /* 困难诉求, NULL-terminated */

G_END_DECLS
