/*
 * dcv.c
 *		Module set-up and the helpers every wrapper uses: text and arrays to
 *		UTF-8, the palloc allocator for the core, error reports.
 */
#include "dcv.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

PG_MODULE_MAGIC;

static void *
dcv_palloc_fn(void *ctx, size_t size)
{
	return MemoryContextAllocHuge(CurrentMemoryContext, size ? size : 1);
}

static void
dcv_interrupt(void)
{
	CHECK_FOR_INTERRUPTS();
}

const dcv_alloc dcv_palloc = {dcv_palloc_fn, NULL, dcv_interrupt};

/*
 * In UTF8 and SQL_ASCII databases the bytes are passed as they are (the core
 * checks those of SQL_ASCII); elsewhere they are converted.  A character
 * the database encoding has but Unicode lacks (EUC_JP's user-defined area)
 * becomes U+FFFD, which no domain name or address may hold: the value is
 * then refused or skipped like any other unusable one, never an error of
 * the conversion.
 */
static dcv_str
to_utf8(const char *s, int len)
{
	static Oid	proc = InvalidOid;
	static int	proc_enc = -1;
	int			enc = GetDatabaseEncoding();
	dcv_str		r;
	char	   *u;
	int			done = 0,
				o = 0,
				cap;

	r.ptr = s;
	r.len = len;
	if (enc == PG_UTF8 || enc == PG_SQL_ASCII || len == 0)
		return r;
	if (proc_enc != enc)
	{
		proc = FindDefaultConversionProc(enc, PG_UTF8);
		proc_enc = enc;
	}
	if (!OidIsValid(proc))
	{
		u = pg_server_to_any(s, len, PG_UTF8);
		r.ptr = u;
		r.len = u == s ? (size_t) len : strlen(u);
		return r;
	}
	cap = len * MAX_CONVERSION_GROWTH + 16;
	u = palloc(cap);
	while (done < len)
	{
		done += pg_do_encoding_conversion_buf(proc, enc, PG_UTF8,
											  (unsigned char *) s + done, len - done,
											  (unsigned char *) u + o, cap - o, true);
		o += strlen(u + o);
		if (done < len)
		{
			memcpy(u + o, "\xEF\xBF\xBD", 4);	/* U+FFFD, and the terminator */
			o += 3;
			done += pg_encoding_mblen(enc, s + done);
		}
	}
	r.ptr = u;
	r.len = o;
	return r;
}

dcv_str
dcv_text_utf8(text *t)
{
	return to_utf8(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

/* The number of non-NULL elements of an array. */
static int
count_not_null(ArrayType *arr, int nelems)
{
	bits8	   *bitmap = ARR_NULLBITMAP(arr);
	int			n = 0;

	if (bitmap == NULL)
		return nelems;
	for (int i = 0; i < nelems; i++)
	{
		DCV_TICK(i);
		n += (bitmap[i / 8] >> (i % 8)) & 1;
	}
	return n;
}

/*
 * NULL elements are left out (the rules skip them), so that they cost
 * nothing here: an array of millions of NULLs takes no memory beyond its own.
 */
bool
dcv_array_utf8(ArrayType *arr, dcv_str **out, dcv_str **orig, size_t *n,
			   const char *what, char **problem)
{
	int			nelems,
				nvalues,
				k = 0;
	dcv_str    *res,
			   *given = NULL;
	array_iter	it;

	*out = NULL;
	if (orig)
		*orig = NULL;
	*n = 0;
	if (ARR_NDIM(arr) > 1)
	{
		*problem = psprintf("%s must be a one-dimensional array, not %d-dimensional",
							what, ARR_NDIM(arr));
		return false;
	}
	if (ARR_ELEMTYPE(arr) != TEXTOID)
		elog(ERROR, "%s: expected a text array", what);
	nelems = ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
	nvalues = count_not_null(arr, nelems);
	res = MemoryContextAllocHuge(CurrentMemoryContext, Max(nvalues, 1) * sizeof(dcv_str));
	if (orig)
		given = MemoryContextAllocHuge(CurrentMemoryContext, Max(nvalues, 1) * sizeof(dcv_str));
	array_iter_setup(&it, (AnyArrayType *) arr);
	for (int i = 0; i < nelems; i++)
	{
		bool		isnull;
		Datum		d;
		text	   *t;

		DCV_TICK(i);
		d = array_iter_next(&it, &isnull, i, -1, false, TYPALIGN_INT);
		if (isnull)
			continue;
		t = DatumGetTextPP(d);
		res[k] = dcv_text_utf8(t);
		if (given)
		{
			given[k].ptr = VARDATA_ANY(t);
			given[k].len = VARSIZE_ANY_EXHDR(t);
		}
		k++;
	}
	Assert(k == nvalues);
	*out = res;
	if (orig)
		*orig = given;
	*n = nvalues;
	return true;
}

char *
dcv_show_cstr(const char *s, int len)
{
	int			cut = pg_mbcharcliplen(s, len, 100);
	StringInfoData buf;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, s, cut);
	if (cut < len)
		appendStringInfoString(&buf, "...");
	return buf.data;
}

char *
dcv_show(text *t)
{
	return dcv_show_cstr(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

/*
 * The recipients as a text[], built in one allocation (what
 * construct_array would make of text datums, without the copies).
 */
ArrayType *
dcv_recipients_array(const dcv_decision *d)
{
	size_t		nbytes = ARR_OVERHEAD_NONULLS(1);
	ArrayType  *r;
	char	   *p;

	if (d->n == 0)
		return construct_empty_array(TEXTOID);
	for (size_t i = 0; i < d->n; i++)
	{
		DCV_TICK(i);
		nbytes += INTALIGN(VARHDRSZ + strlen(d->recipients[i]));
	}
	if (!AllocSizeIsValid(nbytes))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("array size exceeds the maximum allowed (%d)",
						(int) MaxAllocSize)));
	r = palloc0(nbytes);
	SET_VARSIZE(r, nbytes);
	r->ndim = 1;
	r->dataoffset = 0;
	r->elemtype = TEXTOID;
	ARR_DIMS(r)[0] = (int) d->n;
	ARR_LBOUND(r)[0] = 1;
	p = ARR_DATA_PTR(r);
	for (size_t i = 0; i < d->n; i++)
	{
		size_t		len = strlen(d->recipients[i]);

		SET_VARSIZE(p, VARHDRSZ + len);
		memcpy(VARDATA(p), d->recipients[i], len);
		p += INTALIGN(VARHDRSZ + len);
	}
	return r;
}
