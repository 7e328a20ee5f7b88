/* sy-event.c: an activity (活动) with its record sheet fields */
#include <glib/gi18n-lib.h>
#include "sy-event.h"

struct _SyEvent
{
  SyRecord parent_instance;

  gint64 unit_id;
  char *kind;
  char *title;
  char *date;
  char *place;
  char *organiser;
  gint leaders;
  gint soldiers;
  gint civilians;
  char *participants;
  char *content;
  char *outcome;
  char *recorder;
  char *reviewer;
  gint64 assessment_item_id;
  gint64 plan_item_id;
  gint photo_count;
};

G_DEFINE_FINAL_TYPE (SyEvent, sy_event, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyEvent, unit_id, SY_FIELD_REF, 0, N_("Unit")),
  SY_FIELD (SyEvent, kind, SY_FIELD_STRING, SY_FIELD_LINE, N_("Kind")),
  SY_FIELD (SyEvent, title, SY_FIELD_STRING, 0, N_("Title")),
  SY_FIELD (SyEvent, date, SY_FIELD_STRING, SY_FIELD_LINE, N_("Date")),
  SY_FIELD (SyEvent, place, SY_FIELD_STRING, SY_FIELD_LINE, N_("Place")),
  SY_FIELD (SyEvent, organiser, SY_FIELD_STRING, SY_FIELD_LINE, N_("Organiser")),
  SY_FIELD (SyEvent, leaders, SY_FIELD_INT, 0, N_("Leaders taking part")),
  SY_FIELD (SyEvent, soldiers, SY_FIELD_INT, 0, N_("Soldiers taking part")),
  SY_FIELD (SyEvent, civilians, SY_FIELD_INT, 0, N_("Civilians taking part")),
  SY_FIELD (SyEvent, participants, SY_FIELD_STRING, 0, N_("Participants")),
  SY_FIELD (SyEvent, content, SY_FIELD_STRING, 0, N_("Content")),
  SY_FIELD (SyEvent, outcome, SY_FIELD_STRING, 0, N_("Outcome")),
  SY_FIELD (SyEvent, recorder, SY_FIELD_STRING, SY_FIELD_LINE, N_("Recorded by")),
  SY_FIELD (SyEvent, reviewer, SY_FIELD_STRING, SY_FIELD_LINE, N_("Reviewed by")),
  SY_FIELD (SyEvent, assessment_item_id, SY_FIELD_REF, 0, N_("Assessment item")),
  SY_FIELD (SyEvent, plan_item_id, SY_FIELD_REF, 0, N_("Plan item")),
  SY_FIELD (SyEvent, photo_count, SY_FIELD_INT, SY_FIELD_DERIVED, NULL),
};

static void
sy_event_class_init (SyEventClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "event",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_event_init (SyEvent *self)
{
}

SyEvent *
sy_event_new (void)
{
  return g_object_new (SY_TYPE_EVENT, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyEvent, sy_event, gint64, unit_id)
SY_RECORD_DEFINE_STRING (SyEvent, sy_event, kind)
SY_RECORD_DEFINE_STRING (SyEvent, sy_event, title)
SY_RECORD_DEFINE_STRING (SyEvent, sy_event, date)
SY_RECORD_DEFINE_STRING (SyEvent, sy_event, place)
SY_RECORD_DEFINE_STRING (SyEvent, sy_event, organiser)
SY_RECORD_DEFINE_SCALAR (SyEvent, sy_event, gint, leaders)
SY_RECORD_DEFINE_SCALAR (SyEvent, sy_event, gint, soldiers)
SY_RECORD_DEFINE_SCALAR (SyEvent, sy_event, gint, civilians)
SY_RECORD_DEFINE_STRING (SyEvent, sy_event, participants)
SY_RECORD_DEFINE_STRING (SyEvent, sy_event, content)
SY_RECORD_DEFINE_STRING (SyEvent, sy_event, outcome)
SY_RECORD_DEFINE_STRING (SyEvent, sy_event, recorder)
SY_RECORD_DEFINE_STRING (SyEvent, sy_event, reviewer)
SY_RECORD_DEFINE_SCALAR (SyEvent, sy_event, gint64, assessment_item_id)
SY_RECORD_DEFINE_SCALAR (SyEvent, sy_event, gint64, plan_item_id)
SY_RECORD_DEFINE_SCALAR (SyEvent, sy_event, gint, photo_count)
