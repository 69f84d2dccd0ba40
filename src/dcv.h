/*
 * dcv.h
 *		Shared pieces of the SQL-callable wrappers around the core.
 */
#ifndef DCV_H
#define DCV_H

#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/date.h"
#include "utils/snapshot.h"

#include "dcv_core.h"

/* SQLSTATEs of dcv's own errors (class ZD). */
#define ERRCODE_DCV_INVALID_DOMAIN		MAKE_SQLSTATE('Z','D','0','0','1')
#define ERRCODE_DCV_PUBLIC_SUFFIX		MAKE_SQLSTATE('Z','D','0','0','2')
#define ERRCODE_DCV_INVALID_EMAIL		MAKE_SQLSTATE('Z','D','0','0','3')
#define ERRCODE_DCV_NOT_CANDIDATE		MAKE_SQLSTATE('Z','D','0','0','4')
#define ERRCODE_DCV_NO_DESIGNATED		MAKE_SQLSTATE('Z','D','0','0','5')
#define ERRCODE_DCV_UNKNOWN_PRODUCT		MAKE_SQLSTATE('Z','D','0','0','6')
#define ERRCODE_DCV_NO_EMAIL_METHOD		MAKE_SQLSTATE('Z','D','0','0','7')
#define ERRCODE_DCV_BUILTIN_ROW			MAKE_SQLSTATE('Z','D','0','0','8')

/* CHECK_FOR_INTERRUPTS every 1024th time i passes (long loops over arrays). */
#define DCV_TICK(i) \
	do { if (((i) & 1023) == 1023) CHECK_FOR_INTERRUPTS(); } while (0)

/* An allocator for the core: palloc in the current context. */
extern const dcv_alloc dcv_palloc;

/* A text argument as UTF-8 (converted from the database encoding). */
extern dcv_str dcv_text_utf8(text *t);

/*
 * A one-dimensional text[] as UTF-8 strings, NULL elements left out.
 * With orig, also the elements as given (database encoding, for messages).
 * Returns false and sets *problem for an array of more than one dimension.
 */
extern bool dcv_array_utf8(ArrayType *arr, dcv_str **out, dcv_str **orig,
						   size_t *n, const char *what, char **problem);

/* The value named in a message: at most 100 characters of it. */
extern char *dcv_show(text *t);
extern char *dcv_show_cstr(const char *s, int len);

/* An error as the message/detail/hint/SQLSTATE it is reported with. */
typedef struct dcv_report
{
	int			sqlstate;
	char	   *message;
	char	   *detail;
	char	   *hint;
} dcv_report;

/* A core detail ("the name is empty") as a sentence ("The name is empty."). */
extern char *dcv_sentence(const char *detail);

/* What an error names, as shown to the user (NULL where not known). */
typedef struct dcv_subject
{
	const char *domain;
	const char *email;			/* the address, or the designated element */
	const char *product;
	const char *date;			/* the as_of date, YYYY-MM-DD */
} dcv_subject;

/* The report for a status of the core (report.c, the one place). */
extern void dcv_report_for(const dcv_error *err, const dcv_subject *what, dcv_report *r);
extern void dcv_raise_for(const dcv_error *err, const dcv_subject *what) pg_attribute_noreturn();

/* The reports of the wrappers' own checks. */
extern void dcv_report_unknown_product(const char *shown, dcv_report *r);
extern void dcv_report_array(const char *problem, dcv_report *r);

extern void dcv_raise(const dcv_report *r) pg_attribute_noreturn();

/* Product lookup through the backend cache (product.c). */
typedef struct dcv_product_info
{
	bool		found;
	dcv_line	line;
} dcv_product_info;

extern dcv_product_info dcv_lookup_product(const char *code, int len);

/* The changes of the timeline, as dcv_rule_date names them, in their order. */
typedef enum dcv_change
{
	DCV_CHANGE_NOTICE = 0,		/* notice_2018 */
	DCV_CHANGE_SC13,			/* sc13: DNS-published contacts */
	DCV_CHANGE_SC080,			/* sc080 */
	DCV_CHANGE_SC090_DISCOURAGED,	/* sc090_discouraged */
	DCV_CHANGE_SC090,			/* sc090 */
	DCV_NUM_CHANGES
} dcv_change;

extern const char *const dcv_change_names[DCV_NUM_CHANGES];

/* Which change a text of dcv_rule_date.change names, or -1. */
extern int	dcv_change_code(text *t);

/* The relations dcv_product and dcv_rule_date of the installed extension. */
extern void dcv_table_oids(Oid *product, Oid *date);

/*
 * The dates in force as snap sees dcv_rule_date (a user's row wins); present
 * (may be NULL) tells which changes have a row at all.
 */
extern void dcv_read_dates(Oid relid, Snapshot snap, DateADT *dates, bool *present);

/* Marks the backend's copy of the tables stale. */
extern void dcv_tables_invalidate(void);

/* Which rules are in force on a date (product.c, same copy). */
extern dcv_era dcv_era_on(DateADT d);
/* Both only right after dcv_era_on, in the same call. */
extern bool dcv_dns_allowed_on(DateADT d);
extern bool dcv_discouraged_on(DateADT d);
extern char *dcv_sc090_date(void);

/* A date as YYYY-MM-DD, whatever DateStyle says. */
extern char *dcv_iso_date(DateADT d);

/* Decision as used by dcv_default_recipient, dcv_decision and the trigger. */
typedef struct dcv_outcome
{
	bool		ok;
	dcv_decision decision;
	dcv_line	line;
	bool		line_known;
	bool		discouraged;	/* ok, and on or after sc090_discouraged */
	dcv_report	report;			/* when !ok */
} dcv_outcome;

extern void dcv_decide_sql(text *product, text *domain, ArrayType *designated,
						   ArrayType *whois, bool has_as_of, DateADT as_of,
						   bool subdomains, ArrayType *dns, dcv_outcome *out);

extern ArrayType *dcv_recipients_array(const dcv_decision *d);

#endif							/* DCV_H */
