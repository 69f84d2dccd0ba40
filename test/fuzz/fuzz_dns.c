/*
 * fuzz_dns.c
 *		libFuzzer harness: DNS-published contacts (src/core/dns.c; doc/rules.md,
 *		"DNS-published contacts").
 *
 * Input layout (see README.md in this directory), split on "\n":
 *	the first line is the applied domain, optionally followed by one space
 *	and option letters: "s" subdomain e-mails asked for, "n" WHOIS is SQL
 *	NULL;
 *	a line "W=..." is a WHOIS entry (the rest of the line);
 *	a line "-" is a NULL record element;
 *	any other line is one record element, in which the byte 0x1F stands for a
 *	line feed (so an element can span lines inside parentheses, or hold two
 *	lines, which must be refused).
 * The same bytes, read backwards from the last one (then a generator seeded
 * from all of them), drive a generator of records (owner names with any
 * octets, TXT strings, CAA flags, tags and values, CNAME targets, other
 * types), which this file prints in presentation format (quoted or bare
 * where both are legal, escapes, TTL and class optional in either order,
 * RFC 3597 generic RDATA, parentheses, comments) and parses back: every
 * field must come back as generated, names in the canonical form computed
 * here (a non-ASCII label is a host-name label when UTS#46 accepts it in the
 * middle of a name as one label), a name's 255 octets counted with each
 * host-name label as its A-label.  Some records get RDATA that cannot be
 * read on purpose: their owner and type must still be read (dcv_rr.typed),
 * while a bad owner or a raw U+FFFD anywhere in the element leaves nothing
 * read (what a TTL over 2147483647 leaves is not judged here).  Now and
 * then two records go into one element (after a comment or not, split by
 * LF, CR LF or a lone CR), which must be refused.  The printed records join
 * the elements of the input.
 *
 * Every element is checked against a second reading of its text: no second
 * line (a comment ends at LF or CR, and before the line end it changes
 * nothing), no raw U+FFFD, the owner the labels its token spells (also for
 * a record whose RDATA does not parse), canonical names that read as
 * themselves.  Then the contacts are computed a second time, from the
 * parsed records (dcv_rr_parse) but with this file's own Authorization
 * Domain Names, TXT owner match, alias following and RFC 8659 relevant-set
 * climb, and compared with dcv_dns_contacts row by row.  A record whose
 * owner and type were read but whose RDATA was not (TXT, CAA or CNAME)
 * takes part in lookups and gives nothing: a CAA one makes its owner's set
 * non-empty (the climb ends there), a CNAME one is a CNAME at its owner (it
 * hides the records there, counts towards two CNAMEs, and a lookup through
 * it answers nothing).  Aliases: at most 8 links (the CNAME a 9th link
 * would be is not followed either); loops, names with two CNAME records and
 * CNAME records that do not parse answer nothing; each CNAME row without a
 * problem exactly when a lookup followed it, else with the reason of a
 * failed lookup through it, or none passed.  No contact from a record
 * outside the relevant set or not at an ADN; every contact exactly
 * dcv_normalize_email_exact of the whole value (its local part the value's,
 * byte for byte; no white space around the value); email set exactly when
 * no problem is, for TXT and CAA rows; a TXT or CAA record at a name with a
 * CNAME (read or not) said to be behind it; rows of records not read with
 * their owner and type exactly when these were read; dcv_dns_contacts_only
 * alike.
 * Candidates with the contacts are recomputed (WHOIS, constructed, TXT, CAA,
 * subdomain; each address once, first source kept), and a designated
 * contact is accepted when DNS contacts are allowed and refused, naming
 * ballot SC13, when not.
 */
#include "fuzz_common.h"

#define TXT_LABEL "_validation-contactemail"
#define MAX_ELEMENTS 512

static test_arena ar;

/* ---- small helpers ---- */

static void *
fz_alloc(size_t n)
{
	return test_arena_alloc(&ar, n);
}

static char *
dup_mem(const char *s, size_t n)
{
	char	   *p = fz_alloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *
dup_str(const char *s)
{
	return dup_mem(s, strlen(s));
}

/* A growing byte buffer in the arena. */
typedef struct sbuf
{
	char	   *p;
	size_t		n,
				cap;
} sbuf;

static void
sb_put(sbuf *b, const void *s, size_t n)
{
	if (b->n + n + 1 > b->cap)
	{
		size_t		cap = (b->n + n + 1) * 2 + 64;
		char	   *q = fz_alloc(cap);

		if (b->n)
			memcpy(q, b->p, b->n);
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
sb_str(sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void
sb_byte(sbuf *b, unsigned char c)
{
	sb_put(b, &c, 1);
}

static void
sb_fmt(sbuf *b, const char *fmt,...)
	__attribute__((format(printf, 2, 3)));

static void
sb_fmt(sbuf *b, const char *fmt,...)
{
	char		tmp[64];
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	sb_put(b, tmp, (size_t) n);
}

static const char *
sb_cstr(sbuf *b)
{
	if (b->p == NULL)
		sb_put(b, "", 0);
	return b->p;
}

static unsigned char
lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char) (c + 32) : c;
}

/* Whether c is one of the bytes of set (never NUL). */
static bool
one_of(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

static int
cmp_cstr(const void *x, const void *y)
{
	return strcmp(*(const char *const *) x, *(const char *const *) y);
}

/* ---- canonical names, restated ---- */

static bool
plain_octet(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '*';
}

/*
 * The A-label a non-ASCII label stands for, or NULL when it is not a
 * host-name label.  doc/rules.md: a host-name label in its normal form.  The
 * label is normalized inside a longer name, so that neither the rule on a
 * final dot nor the one on an all-digit last label decides what a label is.
 */
static const char *
host_label(const unsigned char *l, size_t n)
{
	char		out[DCV_DOMAIN_BUF];
	bool		wc;

	char		in[DCV_LABEL_MAX + 16];
	size_t		k;

	memcpy(in, l, n);
	memcpy(in + n, ".example", 8);
	if (dcv_normalize_domain(in, n + 8, false, out, &wc, NULL) != DCV_OK)
		return NULL;
	k = strlen(out);
	if (k <= 8 || strcmp(out + k - 8, ".example") != 0)
		return NULL;
	out[k - 8] = '\0';
	if (out[0] == '\0' || strchr(out, '.') != NULL)
		return NULL;
	return dup_str(out);
}

/* Appends the canonical form of a label (raw octets). */
static void
canon_label(sbuf *b, const unsigned char *l, size_t n)
{
	bool		ascii = true;

	for (size_t i = 0; i < n; i++)
		if (l[i] >= 0x80)
			ascii = false;
	if (!ascii)
	{
		const char *h = host_label(l, n);

		if (h)
		{
			sb_str(b, h);
			return;
		}
	}
	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = lower(l[i]);

		if (plain_octet(c))
			sb_byte(b, c);
		else
			sb_fmt(b, "\\%03u", c);
	}
}

/* A name as raw labels. */
typedef struct rname
{
	unsigned char (*l)[DCV_LABEL_MAX + 2];
	size_t	   *len;
	size_t		n,
				cap;
	bool		bad;			/* an empty or overlong label, or too long */
} rname;

static void
rname_init(rname *r, size_t cap)
{
	r->l = fz_alloc((cap + 1) * sizeof(*r->l));
	r->len = fz_alloc((cap + 1) * sizeof(size_t));
	r->n = 0;
	r->cap = cap;
	r->bad = false;
}

static const char *
canon_name(const rname *r)
{
	sbuf		b = {0};

	for (size_t i = 0; i < r->n; i++)
	{
		if (i)
			sb_byte(&b, '.');
		canon_label(&b, r->l[i], r->len[i]);
	}
	return sb_cstr(&b);
}

/*
 * The octets a label (1..63 octets) takes on the wire: a host-name label
 * those of its A-label (its Unicode and A-label forms are one name, as
 * long), any other its own.
 */
static size_t
label_wire(const unsigned char *l, size_t n)
{
	const char *h;

	for (size_t i = 0; i < n; i++)
		if (l[i] >= 0x80)
		{
			h = host_label(l, n);
			return h ? strlen(h) : n;
		}
	return n;
}

/* The octets of a name on the wire, the root's included (labels of 1..63 octets). */
static size_t
rname_wire(const rname *r)
{
	size_t		wire = 1;

	for (size_t i = 0; i < r->n; i++)
		wire += label_wire(r->l[i], r->len[i]) + 1;
	return wire;
}

/*
 * Whether labels of 1..63 octets make a name of at most 255 octets on the
 * wire, host-name labels counted as their A-labels.
 */
static bool
rname_valid(const rname *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->len[i] == 0 || r->len[i] > DCV_LABEL_MAX)
			return false;
	return rname_wire(r) <= 255;
}

/*
 * The owner token of an element, decoded into labels on its own (RFC 1035
 * section 5.1): false when the element does not begin with a plain token.
 * *valid tells whether the token is a well-formed name.
 */
static bool
owner_of_line(const char *s, size_t n, rname *out, bool *valid, bool *root)
{
	size_t		i = 0,
				start,
				end;
	unsigned char label[DCV_LABEL_MAX + 2];
	size_t		k = 0;
	bool		over = false;

	*valid = true;
	*root = false;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n || one_of(s[i], "()\";\n\r"))
		return false;
	start = i;
	while (i < n && !one_of(s[i], " \t\n\r();\""))
	{
		if (s[i] == '\\')
		{
			if (i + 1 >= n)
				return false;
			i++;
		}
		i++;
	}
	end = i;
	rname_init(out, end - start + 1);
	if (end - start == 1 && s[start] == '.')
	{
		*root = true;
		return true;
	}
	if (end - start == 1 && s[start] == '@')
	{
		*valid = false;
		return true;
	}
	for (i = start; i < end;)
	{
		unsigned char c;

		if (s[i] == '.')
		{
			if (k == 0 && !over)
				*valid = false;
			memcpy(out->l[out->n], label, k);
			out->len[out->n++] = over ? DCV_LABEL_MAX + 1 : k;
			k = 0;
			over = false;
			i++;
			continue;
		}
		if (s[i] == '\\')
		{
			if (s[i + 1] >= '0' && s[i + 1] <= '9')
			{
				unsigned	v = 0;

				for (int d = 1; d <= 3; d++)
				{
					if (i + d >= end || s[i + d] < '0' || s[i + d] > '9')
					{
						*valid = false;
						return true;
					}
					v = v * 10 + (unsigned) (s[i + d] - '0');
				}
				if (v > 255)
				{
					*valid = false;
					return true;
				}
				c = (unsigned char) v;
				i += 4;
			}
			else
			{
				c = (unsigned char) s[i + 1];
				i += 2;
			}
		}
		else
			c = (unsigned char) s[i++];
		if (k < DCV_LABEL_MAX)
			label[k++] = c;
		else
			over = true;
	}
	if (k > 0 || over)
	{
		memcpy(out->l[out->n], label, k);
		out->len[out->n++] = over ? DCV_LABEL_MAX + 1 : k;
	}
	if (!rname_valid(out))
		*valid = false;
	return true;
}

/*
 * Whether an element holds a second line: a line end (LF or CR) outside
 * quotes and parentheses with more than blanks after it (a comment before
 * the line end changes nothing: it ends at the first LF or CR).
 */
static bool
two_lines(const char *s, size_t n)
{
	int			depth = 0;

	for (size_t i = 0; i < n;)
	{
		char		c = s[i];

		if (c == '"')
		{
			i++;
			while (i < n && s[i] != '"')
				i += (s[i] == '\\') ? 2 : 1;
			if (i >= n)
				return false;	/* not closed: refused anyway */
			i++;
			continue;
		}
		if (c == '\\')
		{
			i += 2;
			continue;
		}
		if (c == ';')
		{
			/* a comment ends with its line, at LF or CR alike */
			while (i < n && s[i] != '\n' && s[i] != '\r')
				i++;
			continue;
		}
		if (c == '(')
			depth++;
		else if (c == ')')
		{
			if (--depth < 0)
				return false;	/* refused anyway */
		}
		else if ((c == '\n' || c == '\r') && depth == 0)
		{
			for (size_t j = i; j < n; j++)
				if (!one_of(s[j], " \t\n\r"))
					return true;
			return false;
		}
		i++;
	}
	return false;
}

/* ---- records and the reference selection ---- */

/* Why a lookup through a CNAME record answered nothing (bits). */
#define WHY_LOOP 1				/* the alias is part of a loop */
#define WHY_TOO_LONG 2			/* a 9th link, or the alias a 9th link would be */
#define WHY_TWO 4				/* its name has two CNAME records */
#define WHY_TO_TWO 8			/* the chain leads to a name with two */
#define WHY_TO_BROKEN 16		/* the chain leads to a CNAME that does not parse */

typedef struct frec
{
	bool		ok;
	bool		broken;			/* owner and type (TXT, CAA, CNAME) read, RDATA not */
	dcv_rr		rr;				/* when ok or broken (owner and target copied below) */
	const char *owner;
	const char *target;
	bool		used;			/* in a TXT answer or a relevant CAA set */
	bool		followed;		/* a CNAME on a lookup that answered */
	unsigned	why;			/* a CNAME on lookups that failed: WHY_* */
	const char *email;			/* expected contact, or NULL */
} frec;

typedef struct fstate
{
	frec	   *r;
	size_t		n;
} fstate;

/*
 * Whether a record is one of type at its owner for a lookup: read, or its
 * owner and type read and its RDATA not (it still exists in DNS; only dcv
 * cannot read it).
 */
static bool
at_name(const frec *r, unsigned type, const char *name)
{
	return (r->ok || r->broken) && r->rr.type == type && strcmp(r->owner, name) == 0;
}

/*
 * A lookup of name for type within the records: aliases followed, at most
 * 8 links; false when it fails: a loop, a 9th link (the CNAME record that
 * would be it is not followed either), two CNAME records at a name (read
 * or not), or a CNAME record that does not parse (its target is unknown).
 * Marks the CNAME records of an answered lookup as followed, those of a
 * failed one with the reason, and the records found (read ones as used);
 * *found counts those of type at the name reached, read or not, so that
 * one that does not parse still makes a CAA set non-empty.
 */
static bool
lookup(fstate *st, const char *name, unsigned type, size_t *found)
{
	const char *visited[10];
	size_t		chain[8];
	size_t		nv = 1,
				links = 0;
	const char *cur = name;
	unsigned	fail = 0;

	visited[0] = name;
	*found = 0;
	for (;;)
	{
		size_t		cn = 0,
					ci = 0;

		for (size_t i = 0; i < st->n; i++)
			if (at_name(&st->r[i], DCV_RR_CNAME, cur))
			{
				cn++;
				ci = i;
			}
		if (cn == 0)
			break;
		if (links == 8)
		{
			fail = WHY_TOO_LONG;
			if (cn == 1)
				st->r[ci].why |= WHY_TOO_LONG;
			break;
		}
		if (cn > 1)
		{
			for (size_t i = 0; i < st->n; i++)
				if (at_name(&st->r[i], DCV_RR_CNAME, cur))
					st->r[i].why |= WHY_TWO;
			fail = WHY_TO_TWO;
			break;
		}
		if (st->r[ci].broken)
		{
			fail = WHY_TO_BROKEN;
			break;
		}
		chain[links++] = ci;
		for (size_t v = 0; v < nv; v++)
			if (strcmp(visited[v], st->r[ci].target) == 0)
				fail = WHY_LOOP;
		if (fail)
			break;
		cur = st->r[ci].target;
		visited[nv++] = cur;
	}
	for (size_t j = 0; j < links; j++)
	{
		if (fail)
			st->r[chain[j]].why |= fail;
		else
			st->r[chain[j]].followed = true;
	}
	if (fail)
		return false;
	for (size_t i = 0; i < st->n; i++)
		if (at_name(&st->r[i], type, cur))
		{
			if (st->r[i].ok)
				st->r[i].used = true;
			(*found)++;
		}
	return true;
}

/* The reason a CNAME row's problem gives (WHY_*), 0 for "no lookup passed", -1 if none. */
static int
why_of_problem(const char *p)
{
	static const struct
	{
		const char *text;
		int			why;
	}			reasons[] = {
		{"the alias is part of a loop of CNAME records", WHY_LOOP},
		{"the chain of aliases is longer than 8 CNAME records", WHY_TOO_LONG},
		{"the name has more than one CNAME record", WHY_TWO},
		{"the chain of aliases leads to a name with more than one CNAME record", WHY_TO_TWO},
		{"the chain of aliases leads to a CNAME record that does not parse, which answers nothing", WHY_TO_BROKEN},
		{"no lookup for the order passes through this alias", 0},
	};

	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (strstr(p, reasons[i].text) != NULL)
			return reasons[i].why;
	return -1;
}

/* Whether a CNAME record (read or not) is at name. */
static bool
has_cname(const fstate *st, const char *name)
{
	for (size_t i = 0; i < st->n; i++)
		if (at_name(&st->r[i], DCV_RR_CNAME, name))
			return true;
	return false;
}

static bool
is_contactemail(const dcv_str *tag)
{
	static const char word[] = "contactemail";

	if (tag->len != sizeof(word) - 1)
		return false;
	for (size_t i = 0; i < tag->len; i++)
		if (lower((unsigned char) tag->ptr[i]) != (unsigned char) word[i])
			return false;
	return true;
}

/* Length of a White_Space code point at s (or ending at s + n), else 0. */
static size_t
space_len(const unsigned char *s, size_t n, bool at_end)
{
	static const char *const spaces[] = {
		" ", "\t", "\n", "\v", "\f", "\r", "\xC2\x85", "\xC2\xA0", "\xE1\x9A\x80",
		"\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84",
		"\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
		"\xE2\x80\x8A", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F",
		"\xE3\x80\x80"
	};

	for (size_t i = 0; i < sizeof(spaces) / sizeof(spaces[0]); i++)
	{
		size_t		k = strlen(spaces[i]);

		if (k <= n && memcmp(at_end ? s + n - k : s, spaces[i], k) == 0)
			return k;
	}
	return 0;
}

/* The expected contact of a value: its exact normal form, checked against the value. */
static const char *
contact_of(const dcv_str *v)
{
	char		buf[DCV_EMAIL_BUF];
	size_t		len;
	dcv_error	e;
	const char *at;
	const char *why = NULL;

	if (dcv_normalize_email_exact(v->ptr, v->len, buf, &len, &e) != DCV_OK)
		return NULL;
	FUZZ_CHECK(len == strlen(buf), "normalize_email_exact: length %zu for \"%s\"", len, buf);
	FUZZ_CHECK(fuzz_is_email(buf, &why), "contact \"%s\" of %s is not a normal-form address: %s",
			   buf, fuzz_show(v->ptr, v->len), why);
	/* nothing around the address: not trimmed */
	FUZZ_CHECK(space_len((const unsigned char *) v->ptr, v->len, false) == 0 &&
			   space_len((const unsigned char *) v->ptr, v->len, true) == 0,
			   "value %s with white space around it gives the contact \"%s\"",
			   fuzz_show(v->ptr, v->len), buf);
	/* the local part is the value's, byte for byte (lowercased) */
	at = memchr(v->ptr, '@', v->len);
	FUZZ_CHECK(at != NULL, "value %s without \"@\" gives \"%s\"", fuzz_show(v->ptr, v->len), buf);
	{
		size_t		ll = (size_t) (at - v->ptr);
		size_t		dl = v->len - ll - 1;
		bool		ascii = true;

		FUZZ_CHECK(buf[ll] == '@', "contact \"%s\" has another local part than %s",
				   buf, fuzz_show(v->ptr, v->len));
		for (size_t i = 0; i < ll; i++)
			FUZZ_CHECK((unsigned char) buf[i] == lower((unsigned char) v->ptr[i]),
					   "contact \"%s\" has another local part than %s", buf, fuzz_show(v->ptr, v->len));
		/* an ASCII domain part is the value's, lowercased */
		for (size_t i = 0; i < dl; i++)
			ascii &= (unsigned char) at[1 + i] < 0x80;
		if (dl > 0 && at[dl] == '.')
			dl--;				/* one final dot of the domain part is dropped */
		if (ascii)
		{
			FUZZ_CHECK(strlen(buf + ll + 1) == dl, "contact \"%s\" is not the whole value %s",
					   buf, fuzz_show(v->ptr, v->len));
			for (size_t i = 0; i < dl; i++)
				FUZZ_CHECK((unsigned char) buf[ll + 1 + i] == lower((unsigned char) at[1 + i]),
						   "contact \"%s\" is not the value %s", buf, fuzz_show(v->ptr, v->len));
		}
	}
	return dup_str(buf);
}

/* The Authorization Domain Names: the name, then each parent down to the base. */
static size_t
adns(const dcv_domain *dom, const char **out)
{
	size_t		k = 0;
	const char *d = dom->name;

	for (;;)
	{
		out[k++] = d;
		if (strcmp(d, dom->base) == 0)
			break;
		d = strchr(d, '.');
		FUZZ_CHECK(d != NULL, "base \"%s\" is no parent of \"%s\"", dom->base, dom->name);
		d++;
	}
	return k;
}

/* Sorted, each once. */
static size_t
sort_unique(const char **v, size_t n)
{
	size_t		u = 0;

	qsort(v, n, sizeof(char *), cmp_cstr);
	for (size_t i = 0; i < n; i++)
		if (u == 0 || strcmp(v[u - 1], v[i]) != 0)
			v[u++] = v[i];
	return u;
}

static bool
in_list(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* ---- the generator ---- */

typedef struct gsrc
{
	const uint8_t *d;
	size_t		pos;			/* next byte is d[pos - 1] */
	uint32_t	x;				/* then a xorshift generator seeded from the input */
} gsrc;

static void
gsrc_init(gsrc *g, const uint8_t *d, size_t n)
{
	g->d = d;
	g->pos = n;
	g->x = 2463534242u;
	for (size_t i = 0; i < n; i++)
		g->x = (g->x ^ d[i]) * 16777619u;
	if (g->x == 0)
		g->x = 1;
}

static unsigned
g8(gsrc *g)
{
	if (g->pos)
		return g->d[--g->pos];
	g->x ^= g->x << 13;
	g->x ^= g->x >> 17;
	g->x ^= g->x << 5;
	return g->x >> 24;
}

static unsigned
gpick(gsrc *g, unsigned k)
{
	if (k <= 1)
		return 0;
	if (k <= 256)
		return g8(g) % k;
	return ((g8(g) << 8) | g8(g)) % k;
}

static bool
gchance(gsrc *g, unsigned num, unsigned den)
{
	return gpick(g, den) < num;
}

/* Pieces of labels and values: single octets and whole UTF-8 sequences. */
static const char *const pieces[] = {
	"-", "_", "*", ".", "\\", "\"", " ", "(", ")", ";", "@", "#", "$", "\t", "\n", "\r",
	"\x7F", "\xFF", "\x80", "\xC3\xA4", "\xC3\x84", "\xD0\xB0", "\xC3\x9F",
	"\xE4\xBE\x8B", "\xE3\x81\x88", "\xE3\x80\x82", "\xEF\xBC\x8E", "\xEF\xBD\xA1",
	"\xEF\xBC\x91", "\xEF\xBD\x81", "\xC2\xAD", "\xE2\x80\x8B", "\xE2\x89\xA0", "\xD7\x90",
	"\xC2\xA0", "\xE3\x80\x80", "x", "n", "-", "\xEF\xBF\xBD"
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

static void
gen_piece(gsrc *g, unsigned char *buf, size_t *n, size_t max)
{
	unsigned	k = gpick(g, 64);
	const char *p;
	size_t		l;
	unsigned char one;

	if (k < 26)
	{
		one = (unsigned char) ((gchance(g, 1, 4) ? 'A' : 'a') + k);
		p = (const char *) &one;
		l = 1;
	}
	else if (k < 36)
	{
		one = (unsigned char) ('0' + (k - 26));
		p = (const char *) &one;
		l = 1;
	}
	else if (k < 38)
	{
		one = (unsigned char) g8(g);
		p = (const char *) &one;
		l = 1;
	}
	else
	{
		p = pieces[gpick(g, NPIECES)];
		l = strlen(p);
	}
	if (*n + l > max)
	{
		if (*n < max)
			buf[(*n)++] = 'a';
		return;
	}
	memcpy(buf + *n, p, l);
	*n += l;
}

/* Appends a label (copy of l, maybe with a letter in its fullwidth form, maybe uppercased). */
static void
add_label(gsrc *g, rname *r, const char *l, size_t n)
{
	size_t		k = 0;
	unsigned char *out = r->l[r->n];
	unsigned	mode = gpick(g, 8);

	if (r->n >= r->cap)
		return;
	for (size_t i = 0; i < n && k < DCV_LABEL_MAX + 1; i++)
	{
		unsigned char c = (unsigned char) l[i];

		if (mode == 1 && c >= 'a' && c <= 'z')
			c = (unsigned char) (c - 32);
		else if (mode == 2 && i == 0 && c >= 'a' && c <= 'z' && k + 3 <= DCV_LABEL_MAX)
		{
			/* U+FF41.. FULLWIDTH LATIN SMALL LETTER */
			out[k++] = 0xEF;
			out[k++] = 0xBD;
			out[k++] = (unsigned char) (0x81 + (c - 'a'));
			continue;
		}
		else if (mode == 3 && gchance(g, 1, 3) && c >= 'a' && c <= 'z')
			c = (unsigned char) (c - 32);
		out[k++] = c;
	}
	r->len[r->n++] = k;
}

static void
add_name(gsrc *g, rname *r, const char *name)
{
	while (*name)
	{
		const char *dot = strchr(name, '.');
		size_t		n = dot ? (size_t) (dot - name) : strlen(name);

		if (n > 0)
			add_label(g, r, name, n);
		name += n + (dot ? 1 : 0);
	}
}

static void
gen_random_label(gsrc *g, rname *r)
{
	size_t		want,
				n = 0;
	unsigned char *out = r->l[r->n];

	if (r->n >= r->cap)
		return;
	if (gchance(g, 1, 24))
		want = 60 + gpick(g, 5);	/* 64: too long */
	else
		want = 1 + gpick(g, 8);
	while (n < want)
		gen_piece(g, out, &n, want);
	r->len[r->n++] = n;
}

/*
 * A name: derived from the applied domain (an ADN, a parent, a child, the
 * TXT name of one), from a small pool of alias targets, or random.
 */
static void
gen_name(gsrc *g, const char *domain, rname *r)
{
	unsigned	kind = gpick(g, 8);
	const char *d = domain;

	rname_init(r, 140);
	/* a suffix of the domain, from its first label up to the TLD */
	for (unsigned skip = gpick(g, 6); skip > 0; skip--)
	{
		const char *dot = strchr(d, '.');

		if (dot == NULL)
			break;
		d = dot + 1;
	}
	switch (kind)
	{
		case 0:
		case 1:
			add_label(g, r, TXT_LABEL, strlen(TXT_LABEL));
			add_name(g, r, d);
			break;
		case 2:
		case 3:
			add_name(g, r, d);
			break;
		case 4:
			{
				char		pool[64];

				snprintf(pool, sizeof(pool), "%sp%u.provider.example",
						 gchance(g, 1, 2) ? TXT_LABEL "." : "", gpick(g, 4));
				add_name(g, r, pool);
				break;
			}
		case 5:
			gen_random_label(g, r);
			add_name(g, r, d);
			break;
		case 6:
			if (gchance(g, 1, 8))
				break;			/* the root */
			for (unsigned i = 1 + gpick(g, 4); i > 0; i--)
				gen_random_label(g, r);
			break;
		default:

			/*
			 * A long name, around 255 octets on the wire as A-labels: ASCII
			 * labels; or Unicode ones, whose A-labels are longer than their
			 * UTF-8 ("\xC3\xA4" is "xn--4ca") or shorter (21 times
			 * "\xE4\xBE\x8B" is 63 octets, its A-label 27), so that the
			 * octets as given would decide otherwise.
			 */
			{
				unsigned	len = 1 + gpick(g, 63);
				unsigned	uni = gpick(g, 3);
				size_t		wire = 1;

				while (r->n < 130)
				{
					unsigned char *l = r->l[r->n];
					size_t		k = 0;

					if (uni == 0)
					{
						memset(l, 'a' + (int) (r->n % 26), len);
						k = len;
					}
					else if (uni == 1)
					{
						/* a letter with a diaeresis, maybe between ASCII letters */
						for (unsigned i = 1 + len % 4; i > 0 && k + 3 <= DCV_LABEL_MAX; i--)
						{
							if (len & 4)
								l[k++] = (unsigned char) ('a' + (int) (r->n % 26));
							l[k++] = 0xC3;
							l[k++] = (unsigned char) ("\xA4\xB6\xBC"[(r->n + i) % 3]);
						}
					}
					else
					{
						for (unsigned i = 1 + len % 21; i > 0; i--)
						{
							l[k++] = 0xE4;
							l[k++] = 0xBE;
							l[k++] = (unsigned char) (0x8B + (len & 1) * (i % 3));
						}
					}
					r->len[r->n] = k;
					wire += label_wire(l, k) + 1;
					if (wire > 255 + gpick(g, 3))
						break;
					r->n++;
				}
				if (gchance(g, 1, 2))
					add_name(g, r, d);
			}
			break;
	}
	r->bad = !rname_valid(r);
}

typedef struct gval
{
	unsigned char *b;
	size_t		n;
} gval;

/* A value for TXT or CAA: mostly address-like, with the usual ways of being wrong. */
static gval
gen_value(gsrc *g, const dcv_domain *dom)
{
	static const char *const fixed[] = {
		"ops@example.com", "Ops@Example.COM", "joe@gmail.com", "w@whois.example",
		" ops@example.com", "ops@example.com ", "\xC2\xA0ops@example.com",
		"ops@example.com\xE3\x80\x80", "mailto:ops@example.com", "Ops <ops@example.com>",
		"", "admin@localhost", "ops@\xE4\xBE\x8B\xE3\x81\x88.jp", "ops@example.com.",
		"ops@exa\xC2\xADmple.com", "OPS@EXAMPLE.COM\t", "ops@example.com\n", "a@b",
		"ops@example.com\xE3\x80\x82", "-x@example.com", "a%b@example.com", "\"a\"@example.com"
	};
	sbuf		b = {0};
	unsigned	k = gpick(g, 40);
	gval		v;

	if (k < sizeof(fixed) / sizeof(fixed[0]))
		sb_str(&b, fixed[k]);
	else if (k < 34)
	{
		/* one of the five at the base domain or at the applied domain */
		sb_str(&b, dcv_local_parts[gpick(g, DCV_LOCAL_PARTS)]);
		sb_byte(&b, '@');
		sb_str(&b, gchance(g, 1, 2) ? dom->base : dom->name);
	}
	else if (k < 38)
	{
		sb_fmt(&b, "c%u@contact.example", gpick(g, 6));
	}
	else
	{
		unsigned char tmp[300];
		size_t		n = 0,
					want = gchance(g, 1, 32) ? 256 + gpick(g, 40) : gpick(g, 24);

		while (n < want)
			gen_piece(g, tmp, &n, want);
		sb_put(&b, tmp, n);
	}
	/* a mutation now and then */
	switch (gpick(g, 16))
	{
		case 0:
			{
				unsigned char tmp[8];
				size_t		n = 0,
							at = b.n ? gpick(g, (unsigned) b.n + 1) : 0;
				sbuf		c = {0};

				gen_piece(g, tmp, &n, sizeof(tmp));
				sb_put(&c, b.p ? b.p : "", at);
				sb_put(&c, tmp, n);
				if (b.n > at)
					sb_put(&c, b.p + at, b.n - at);
				b = c;
				break;
			}
		case 1:
			if (b.n)
				b.n--;
			break;
		default:
			break;
	}
	sb_cstr(&b);
	v.b = (unsigned char *) b.p;
	v.n = b.n;
	return v;
}

typedef struct grec
{
	int			kind;			/* 0 TXT, 1 CAA, 2 CNAME, 3 another type */
	rname		owner;
	gval		str[4];
	size_t		nstr;
	unsigned	flags;
	gval		tag;
	bool		tag_bad;
	gval		value;
	rname		target;
	const char *other;			/* another type's mnemonic and RDATA */
	unsigned	other_code;
	const char *other_name;
	unsigned	rdata_bad;		/* RDATA printed so that it does not parse: 1 + a way */
} grec;

static void
gen_record(gsrc *g, const dcv_domain *dom, grec *r)
{
	memset(r, 0, sizeof(*r));
	r->kind = (int) gpick(g, 16);
	r->kind = r->kind < 6 ? 0 : r->kind < 11 ? 1 : r->kind < 15 ? 2 : 3;
	gen_name(g, dom->name, &r->owner);
	if (r->kind < 3 && gchance(g, 1, 10))
		r->rdata_bad = 1 + gpick(g, 2);
	switch (r->kind)
	{
		case 0:
			r->nstr = gchance(g, 1, 16) ? 0 : gchance(g, 1, 8) ? 2 + gpick(g, 3) : 1;
			for (size_t i = 0; i < r->nstr; i++)
				r->str[i] = gen_value(g, dom);
			break;
		case 1:
			{
				static const char *const tags[] = {
					"contactemail", "ContactEmail", "CONTACTEMAIL", "contactemail", "issue",
					"issuewild", "iodef", "contactphone", "contactemails", "tbs"
				};
				unsigned	t = gpick(g, 12);
				sbuf		b = {0};

				r->flags = gchance(g, 1, 2) ? 0 : gchance(g, 1, 2) ? 128 : g8(g);
				if (t < 10)
					sb_str(&b, tags[t]);
				else if (t == 10)
				{
					for (unsigned i = 1 + gpick(g, 8); i > 0; i--)
						sb_byte(&b, (unsigned char) ("abcXYZ019"[gpick(g, 9)]));
				}
				else
				{
					sb_str(&b, "con-tact");
					r->tag_bad = true;
				}
				r->tag.b = (unsigned char *) b.p;
				r->tag.n = b.n;
				r->value = gen_value(g, dom);
				break;
			}
		case 2:
			gen_name(g, dom->name, &r->target);
			break;
		default:
			{
				static const struct
				{
					const char *text;
					const char *name;
					unsigned	code;
				}			others[] = {
					{"MX 10 mail.example.com.", "MX", 0},
					{"a 192.0.2.1", "A", 0},
					{"AAAA 2001:db8::1", "AAAA", 0},
					{"TYPE99 \\# 0", "TYPE99", 99},
					{"type65534 \\# 2 abcd", "TYPE65534", 65534},
					{"spf \"v=spf1 -all\"", "SPF", 0},
				};
				unsigned	o = gpick(g, 6);

				r->other = others[o].text;
				r->other_name = others[o].name;
				r->other_code = others[o].code;
				break;
			}
	}
}

/* A separator between tokens: blanks, or inside parentheses maybe a line end. */
static void
print_sep(gsrc *g, sbuf *b, bool in_parens)
{
	unsigned	k = gpick(g, 8);

	if (in_parens && k == 0)
		sb_str(b, " \n ");
	else
		sb_str(b, k == 1 ? "\t" : k == 2 ? "  " : " ");
}

/* One octet in an unquoted token (a name or a bare string). */
static void
print_octet(gsrc *g, sbuf *b, unsigned char c, bool in_name)
{
	bool		special = one_of((char) c, " \t\n\r();\"\\@");
	unsigned	k = gpick(g, 16);

	if (c == '.' && in_name)
		special = true;
	if (c < 0x20 || c == 0x7F)
	{
		sb_fmt(b, "\\%03u", c);
		return;
	}
	if (special)
	{
		if (k < 8)
		{
			sb_byte(b, '\\');
			sb_byte(b, c);
		}
		else
			sb_fmt(b, "\\%03u", c);
		return;
	}
	if (k == 0)
		sb_fmt(b, "\\%03u", c);
	else if (k == 1 && c < 0x80 && !(c >= '0' && c <= '9') && c != '#')
	{
		sb_byte(b, '\\');
		sb_byte(b, c);
	}
	else
		sb_byte(b, c);
}

static void
print_name(gsrc *g, sbuf *b, const rname *r)
{
	if (r->n == 0)
	{
		sb_byte(b, '.');
		return;
	}
	for (size_t i = 0; i < r->n; i++)
	{
		if (i)
			sb_byte(b, '.');
		for (size_t j = 0; j < r->len[i]; j++)
			print_octet(g, b, r->l[i][j], true);
	}
	if (gchance(g, 1, 2))
		sb_byte(b, '.');
}

/* A string quoted, or bare when it can be (not empty). */
static void
print_string(gsrc *g, sbuf *b, const gval *v, bool allow_bare)
{
	if (allow_bare && v->n > 0 && gchance(g, 1, 3))
	{
		for (size_t i = 0; i < v->n; i++)
			print_octet(g, b, v->b[i], false);
		return;
	}
	sb_byte(b, '"');
	for (size_t i = 0; i < v->n; i++)
	{
		unsigned char c = v->b[i];
		unsigned	k = gpick(g, 16);

		if (c < 0x20 || c == 0x7F)
			sb_fmt(b, "\\%03u", c);
		else if (c == '"' || c == '\\')
		{
			if (k < 8)
			{
				sb_byte(b, '\\');
				sb_byte(b, c);
			}
			else
				sb_fmt(b, "\\%03u", c);
		}
		else if (k == 0)
			sb_fmt(b, "\\%03u", c);
		else if (k == 1 && c < 0x80 && !(c >= '0' && c <= '9'))
		{
			sb_byte(b, '\\');
			sb_byte(b, c);
		}
		else
			sb_byte(b, c);
	}
	sb_byte(b, '"');
}

static void
print_generic(gsrc *g, sbuf *b, const unsigned char *w, size_t n, bool in_parens)
{
	bool		upper = gchance(g, 1, 2);

	sb_fmt(b, "\\# %zu", n);
	for (size_t i = 0; i < n;)
	{
		size_t		chunk = 1 + gpick(g, 8);

		print_sep(g, b, in_parens);
		/* a word may even split an octet's two digits */
		if (gchance(g, 1, 16) && i < n)
		{
			sb_fmt(b, upper ? "%X" : "%x", w[i] >> 4);
			print_sep(g, b, in_parens);
			sb_fmt(b, upper ? "%X" : "%x", w[i] & 15);
			i++;
			continue;
		}
		for (size_t j = 0; j < chunk && i < n; j++, i++)
			sb_fmt(b, upper ? "%02X" : "%02x", w[i]);
	}
}

/*
 * Prints a generated record; *valid tells whether dcv_rr_parse must accept
 * it (the generator makes some records wrong on purpose), *head whether
 * its owner and type must be read even when its RDATA is not: 1 when
 * owner, TTL, class and type are right, 0 when the owner is not, -1 (not
 * checked) when only the TTL is over 2147483647.  A raw U+FFFD the printed
 * line may hold is the caller's to judge.
 */
static void
print_record(gsrc *g, sbuf *b, const grec *r, bool *valid, int *head)
{
	unsigned	order = gpick(g, 6);
	bool		parens = gchance(g, 1, 6);
	unsigned long ttl = gpick(g, 4) == 0 ? (unsigned long) g8(g) << 23 | g8(g) : g8(g);
	static const char *const classes[] = {"IN", "in", "In", "CLASS1", "class1"};
	const char *cls = classes[gpick(g, 5)];
	static const char *const types[3][6] = {
		{"TXT", "txt", "Txt", "TYPE16", "type16", "TYPE016"},
		{"CAA", "caa", "Caa", "TYPE257", "type257", "TYPE0257"},
		{"CNAME", "cname", "CName", "TYPE5", "type5", "TYPE05"},
	};

	*valid = !r->owner.bad;
	if (gchance(g, 1, 8))
		print_sep(g, b, false);
	print_name(g, b, &r->owner);
	if (gpick(g, 16) == 0)
		ttl = 2147483648UL;		/* one too many */
	if (order == 1 || order == 3)
	{
		print_sep(g, b, false);
		sb_fmt(b, "%lu", ttl);
	}
	if (order >= 2 && order <= 4)
	{
		print_sep(g, b, false);
		sb_str(b, cls);
	}
	if (order == 4)
	{
		print_sep(g, b, false);
		sb_fmt(b, "%lu", ttl);
	}
	*head = *valid ? 1 : 0;
	if ((order == 1 || order == 3 || order == 4) && ttl > 2147483647UL)
	{
		*valid = false;
		if (*head)
			*head = -1;
	}
	print_sep(g, b, false);
	if (r->kind == 3)
	{
		sb_str(b, r->other);
		return;
	}
	sb_str(b, types[r->kind][gpick(g, 6)]);
	print_sep(g, b, false);
	if (parens)
		sb_str(b, "( ");
	switch (r->rdata_bad ? -1 : r->kind)
	{
		case -1:
			{
				/* RDATA that does not parse, behind an owner and a type that do */
				static const char *const bad[3][2] = {
					{"\\# 3 0161", "\"a\" \\999"},
					{"256 issue \"ca.example\"", "0 issue-critical \"ca.example\""},
					{"a.example. b.example.", "\\# 2 c00c"},
				};

				sb_str(b, bad[r->kind][r->rdata_bad - 1]);
				*valid = false;
				break;
			}
		case 0:
			{
				bool		fits = r->nstr > 0;

				for (size_t i = 0; i < r->nstr; i++)
					if (r->str[i].n > 255)
					{
						fits = false;
						*valid = false;
					}
				if (r->nstr == 0)
					*valid = false;
				if (fits && gchance(g, 1, 4))
				{
					sbuf		w = {0};

					for (size_t i = 0; i < r->nstr; i++)
					{
						sb_byte(&w, (unsigned char) r->str[i].n);
						sb_put(&w, r->str[i].b, r->str[i].n);
					}
					print_generic(g, b, (const unsigned char *) w.p, w.n, parens);
				}
				else
					for (size_t i = 0; i < r->nstr; i++)
					{
						if (i)
							print_sep(g, b, parens);
						print_string(g, b, &r->str[i], true);
					}
				break;
			}
		case 1:
			if (!r->tag_bad && gchance(g, 1, 4))
			{
				sbuf		w = {0};

				sb_byte(&w, (unsigned char) r->flags);
				sb_byte(&w, (unsigned char) r->tag.n);
				sb_put(&w, r->tag.b, r->tag.n);
				sb_put(&w, r->value.b, r->value.n);
				print_generic(g, b, (const unsigned char *) w.p, w.n, parens);
			}
			else
			{
				if (r->tag_bad)
					*valid = false;
				sb_fmt(b, gchance(g, 1, 8) ? "%03u" : "%u", r->flags);
				print_sep(g, b, parens);
				for (size_t i = 0; i < r->tag.n; i++)
				{
					unsigned char c = r->tag.b[i];

					if (gchance(g, 1, 16))
						sb_fmt(b, "\\%03u", c);
					else if (gchance(g, 1, 16) && !(c >= '0' && c <= '9'))
					{
						sb_byte(b, '\\');
						sb_byte(b, c);
					}
					else
						sb_byte(b, c);
				}
				print_sep(g, b, parens);
				print_string(g, b, &r->value, true);
			}
			break;
		case 2:
			if (!r->target.bad && gchance(g, 1, 4))
			{
				sbuf		w = {0};

				for (size_t i = 0; i < r->target.n; i++)
				{
					sb_byte(&w, (unsigned char) r->target.len[i]);
					sb_put(&w, r->target.l[i], r->target.len[i]);
				}
				sb_byte(&w, 0);
				print_generic(g, b, (const unsigned char *) w.p, w.n, parens);
			}
			else
			{
				if (r->target.bad)
					*valid = false;
				print_name(g, b, &r->target);
			}
			break;
	}
	if (parens)
		sb_str(b, " )");
	if (gchance(g, 1, 8))
	{
		sb_str(b, gchance(g, 1, 2) ? " ;" : ";");
		for (unsigned i = gpick(g, 12); i > 0; i--)
		{
			unsigned char c = (unsigned char) g8(g);

			sb_byte(b, c == '\n' || c == '\r' ? 'x' : c);
		}
	}
}

static bool
same_bytes(const dcv_str *s, const gval *v)
{
	return s->len == v->n && (v->n == 0 || memcmp(s->ptr, v->b, v->n) == 0) && s->ptr[s->len] == '\0';
}

/* Whether the bytes hold U+FFFD as it is (EF BF BD), not written as escapes. */
static bool
has_replacement(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++)
		if ((unsigned char) s[i] == 0xEF && (unsigned char) s[i + 1] == 0xBF &&
			(unsigned char) s[i + 2] == 0xBD)
			return true;
	return false;
}

/*
 * dcv_rr_parse gives back what was printed.  valid: the record is right;
 * head 1: its owner, TTL, class and type are, and must be read even when
 * the RDATA is not; 0: they must not; -1: not checked.  A raw U+FFFD
 * anywhere makes the element unusable, nothing of it read.
 */
static void
check_roundtrip(const char *line, size_t len, const grec *r, bool valid, int head)
{
	dcv_rr		rr;
	dcv_error	err;
	dcv_alloc	a = {test_arena_alloc, &ar, fuzz_interrupt};
	dcv_status	st = dcv_rr_parse(line, len, &a, &rr, &err);
	const char *owner;
	static const unsigned codes[4] = {DCV_RR_TXT, DCV_RR_CAA, DCV_RR_CNAME, 0};

	if (has_replacement(line, len))
	{
		valid = false;
		head = 0;
	}
	if (!valid)
	{
		FUZZ_CHECK(st == DCV_ERR_DOMAIN, "dcv_rr_parse accepts %s (type %u, owner \"%s\"), which is wrong",
				   fuzz_show(line, len), rr.type, rr.owner);
		FUZZ_CHECK(head < 0 || rr.typed == (head == 1), "%s does not parse (%s); owner and type read: %d, expected %d",
				   fuzz_show(line, len), err.detail, rr.typed, head);
		if (head == 1)
		{
			owner = canon_name(&r->owner);
			FUZZ_CHECK(strcmp(rr.owner, owner) == 0 && rr.type == codes[r->kind],
					   "%s (RDATA not read): owner \"%s\" type %u, expected \"%s\" %u",
					   fuzz_show(line, len), rr.owner, rr.type, owner, codes[r->kind]);
		}
		return;
	}
	FUZZ_CHECK(st == DCV_OK, "dcv_rr_parse refuses %s: %s", fuzz_show(line, len), err.detail);
	FUZZ_CHECK(rr.typed, "%s parses, but typed is false", fuzz_show(line, len));
	owner = canon_name(&r->owner);
	FUZZ_CHECK(strcmp(rr.owner, owner) == 0, "%s: owner \"%s\", expected \"%s\"",
			   fuzz_show(line, len), rr.owner, owner);
	switch (r->kind)
	{
		case 0:
			FUZZ_CHECK(rr.type == DCV_RR_TXT && strcmp(rr.type_name, "TXT") == 0,
					   "%s: type %u %s, expected TXT", fuzz_show(line, len), rr.type, rr.type_name);
			FUZZ_CHECK(rr.n_strings == r->nstr, "%s: %zu strings, expected %zu",
					   fuzz_show(line, len), rr.n_strings, r->nstr);
			for (size_t i = 0; i < r->nstr; i++)
				FUZZ_CHECK(same_bytes(&rr.strings[i], &r->str[i]), "%s: string %zu is %s, expected %s",
						   fuzz_show(line, len), i, fuzz_show(rr.strings[i].ptr, rr.strings[i].len),
						   fuzz_show((const char *) r->str[i].b, r->str[i].n));
			break;
		case 1:
			FUZZ_CHECK(rr.type == DCV_RR_CAA && strcmp(rr.type_name, "CAA") == 0,
					   "%s: type %u %s, expected CAA", fuzz_show(line, len), rr.type, rr.type_name);
			FUZZ_CHECK(rr.caa_flags == (int) r->flags, "%s: flags %d, expected %u",
					   fuzz_show(line, len), rr.caa_flags, r->flags);
			FUZZ_CHECK(same_bytes(&rr.caa_tag, &r->tag) && same_bytes(&rr.caa_value, &r->value),
					   "%s: tag %s value %s, expected %s %s", fuzz_show(line, len),
					   fuzz_show(rr.caa_tag.ptr, rr.caa_tag.len), fuzz_show(rr.caa_value.ptr, rr.caa_value.len),
					   fuzz_show((const char *) r->tag.b, r->tag.n),
					   fuzz_show((const char *) r->value.b, r->value.n));
			break;
		case 2:
			{
				const char *target = canon_name(&r->target);

				FUZZ_CHECK(rr.type == DCV_RR_CNAME && strcmp(rr.type_name, "CNAME") == 0,
						   "%s: type %u %s, expected CNAME", fuzz_show(line, len), rr.type, rr.type_name);
				FUZZ_CHECK(strcmp(rr.target, target) == 0, "%s: target \"%s\", expected \"%s\"",
						   fuzz_show(line, len), rr.target, target);
				break;
			}
		default:
			FUZZ_CHECK(rr.type == r->other_code && strcmp(rr.type_name, r->other_name) == 0,
					   "%s: type %u %s, expected %u %s", fuzz_show(line, len), rr.type, rr.type_name,
					   r->other_code, r->other_name);
			break;
	}
}

/* ---- checks on the input's own elements ---- */

/*
 * What can be said of one element without parsing it fully.  An element
 * of two lines or with a raw U+FFFD is refused with nothing of it read;
 * the owner of one read (parsed, or its RDATA alone not) is the name its
 * first token spells.
 */
static void
check_element(const char *s, size_t n, dcv_status st, const dcv_rr *rr)
{
	rname		owner;
	bool		valid,
				root;
	dcv_alloc	a = {test_arena_alloc, &ar, NULL};

	if (two_lines(s, n))
		FUZZ_CHECK(st != DCV_OK && !rr->typed, "an element of two lines is accepted, or its owner read: %s",
				   fuzz_show(s, n));
	if (has_replacement(s, n))
		FUZZ_CHECK(st != DCV_OK && !rr->typed, "an element with a raw U+FFFD is accepted, or its owner read: %s",
				   fuzz_show(s, n));
	FUZZ_CHECK(st != DCV_OK || rr->typed, "%s parses, but typed is false", fuzz_show(s, n));
	if (!rr->typed)
		return;
	if (owner_of_line(s, n, &owner, &valid, &root))
	{
		const char *want = root ? "" : valid ? canon_name(&owner) : NULL;

		FUZZ_CHECK(want != NULL, "owner of %s is no well-formed name, but it is read (owner \"%s\")",
				   fuzz_show(s, n), rr->owner);
		FUZZ_CHECK(strcmp(want, rr->owner) == 0, "owner of %s is \"%s\", expected \"%s\"",
				   fuzz_show(s, n), rr->owner, want);
	}
	/*
	 * A canonical name reads as itself: as long, since a host-name label
	 * counts as its A-label either way (the target only of a record read).
	 */
	for (int which = 0; which < 2; which++)
	{
		const char *name = which ? rr->target : rr->owner;
		sbuf		b = {0};
		dcv_rr		again;
		dcv_error	err;

		if (which && (rr->type != DCV_RR_CNAME || st != DCV_OK))
			continue;
		sb_str(&b, name[0] ? name : ".");
		sb_str(&b, " TXT x");
		FUZZ_CHECK(dcv_rr_parse(b.p, b.n, &a, &again, &err) == DCV_OK,
				   "canonical name \"%s\" does not parse: %s", name, err.detail);
		FUZZ_CHECK(strcmp(again.owner, name) == 0,
				   "canonical name \"%s\" does not read as itself (\"%s\")", name, again.owner);
	}
}

/* ---- contacts, candidates, decisions ---- */

static void
check_contacts(const dcv_domain *dom, const dcv_str *el, size_t n, const dcv_str *whois,
			   size_t n_whois, bool subdomains)
{
	fstate		st;
	const char *adn[130];
	size_t		nadn = adns(dom, adn);
	dcv_alloc	a = {test_arena_alloc, &ar, fuzz_interrupt};
	dcv_dns_result res;
	const char **txt = fz_alloc((n + 1) * sizeof(char *));
	const char **caa = fz_alloc((n + 1) * sizeof(char *));
	size_t		ntxt = 0,
				ncaa = 0;

	st.n = n;
	st.r = fz_alloc((n + 1) * sizeof(frec));
	for (size_t i = 0; i < n; i++)
	{
		frec	   *r = &st.r[i];
		dcv_error	err;

		memset(r, 0, sizeof(*r));
		if (el[i].ptr == NULL)
			continue;
		r->ok = dcv_rr_parse(el[i].ptr, el[i].len, &a, &r->rr, &err) == DCV_OK;
		check_element(el[i].ptr, el[i].len, r->ok ? DCV_OK : DCV_ERR_DOMAIN, &r->rr);
		r->broken = !r->ok && r->rr.typed &&
			(r->rr.type == DCV_RR_TXT || r->rr.type == DCV_RR_CAA || r->rr.type == DCV_RR_CNAME);
		if (r->ok || r->broken)
			r->owner = dup_str(r->rr.owner);
		if (r->ok)
			r->target = dup_str(r->rr.target);
	}

	/* the reference: TXT at each ADN, CAA relevant set of each ADN */
	for (size_t k = 0; k < nadn; k++)
	{
		sbuf		name = {0};
		size_t		found;
		const char *x = adn[k];

		sb_str(&name, TXT_LABEL ".");
		sb_str(&name, adn[k]);
		lookup(&st, name.p, DCV_RR_TXT, &found);
		for (;;)
		{
			if (!lookup(&st, x, DCV_RR_CAA, &found) || found > 0)
				break;
			x = strchr(x, '.');
			if (x == NULL)
				break;
			x++;
		}
	}
	for (size_t i = 0; i < n; i++)
	{
		frec	   *r = &st.r[i];

		if (!r->ok || !r->used)
			continue;
		if (r->rr.type == DCV_RR_TXT && r->rr.n_strings == 1)
			r->email = contact_of(&r->rr.strings[0]);
		else if (r->rr.type == DCV_RR_CAA && is_contactemail(&r->rr.caa_tag))
			r->email = contact_of(&r->rr.caa_value);
		if (r->email && r->rr.type == DCV_RR_TXT)
			txt[ntxt++] = r->email;
		else if (r->email)
			caa[ncaa++] = r->email;
	}
	ntxt = sort_unique(txt, ntxt);
	ncaa = sort_unique(caa, ncaa);

	/* the core */
	dcv_dns_contacts(dom, el, n, &a, &res);
	FUZZ_CHECK(res.n == n, "%zu rows for %zu records", res.n, n);
	for (size_t i = 0; i < n; i++)
	{
		const dcv_dns_row *row = &res.rows[i];
		const frec *r = &st.r[i];

		FUZZ_CHECK(row->parsed == r->ok, "row %zu (%s): parsed %d, expected %d", i,
				   fuzz_show(el[i].ptr, el[i].len), row->parsed, r->ok);
		/* owner and type, of a record read and of one whose RDATA alone is not */
		if (r->ok || r->broken)
			FUZZ_CHECK(row->type == r->rr.type && row->owner && strcmp(row->owner, r->owner) == 0,
					   "row %zu (%s): type %u owner \"%s\", expected %u \"%s\"", i,
					   fuzz_show(el[i].ptr, el[i].len), row->type,
					   row->owner ? row->owner : "(NULL)", r->rr.type, r->owner);
		else
			FUZZ_CHECK(row->type == 0 && row->owner == NULL,
					   "row %zu (%s): nothing read, yet type %u owner \"%s\"", i,
					   fuzz_show(el[i].ptr, el[i].len), row->type, row->owner ? row->owner : "(NULL)");
		if (!r->ok)
		{
			const char *why = el[i].ptr ? "the record does not parse: " : "the element is NULL";

			FUZZ_CHECK(row->problem != NULL && row->email == NULL &&
					   strncmp(row->problem, why, strlen(why)) == 0,
					   "row %zu (%s): not parsed, yet problem %s or an email", i,
					   fuzz_show(el[i].ptr, el[i].len), row->problem ? row->problem : "NULL");
		}
		if (r->email)
			FUZZ_CHECK(row->email && strcmp(row->email, r->email) == 0,
					   "row %zu (%s) at \"%s\": contact \"%s\", expected \"%s\"", i,
					   fuzz_show(el[i].ptr, el[i].len), r->owner, row->email ? row->email : "(none)",
					   r->email);
		else
			FUZZ_CHECK(row->email == NULL,
					   "row %zu (%s) at \"%s\" gives \"%s\": not at an ADN, outside the relevant set, or not the exact value",
					   i, fuzz_show(el[i].ptr, el[i].len), r->owner ? r->owner : "", row->email);
		if (r->ok && (r->rr.type == DCV_RR_TXT || r->rr.type == DCV_RR_CAA))
		{
			bool		behind = has_cname(&st, r->owner);

			FUZZ_CHECK((row->email == NULL) != (row->problem == NULL),
					   "row %zu: email %s and problem %s", i, row->email ? row->email : "NULL",
					   row->problem ? row->problem : "NULL");
			/* a name with a CNAME record, read or not, has no other record for a lookup */
			FUZZ_CHECK(!behind || !r->used, "row %zu (%s) at \"%s\", a name with a CNAME, was found",
					   i, fuzz_show(el[i].ptr, el[i].len), r->owner);
			FUZZ_CHECK(behind == (row->problem && strstr(row->problem, "has a CNAME record") != NULL),
					   "row %zu (%s) at \"%s\": problem %s, expected it %s a CNAME", i,
					   fuzz_show(el[i].ptr, el[i].len), r->owner, row->problem ? row->problem : "NULL",
					   behind ? "behind" : "not behind");
		}
		else if (r->ok && r->rr.type == DCV_RR_CNAME)
		{
			int			why = row->problem ? why_of_problem(row->problem) : -1;

			FUZZ_CHECK((row->problem == NULL) == r->followed,
					   "CNAME row %zu (%s): problem %s, expected it %s", i,
					   fuzz_show(el[i].ptr, el[i].len), row->problem ? row->problem : "NULL",
					   r->followed ? "followed" : "unused or failed");
			FUZZ_CHECK(r->followed || (why == 0 ? r->why == 0 : why > 0 && (r->why & (unsigned) why) != 0),
					   "CNAME row %zu (%s): problem \"%s\", expected %s (reasons %#x: 1 loop, 2 too long, 4 two CNAMEs, 8 to two, 16 to one that does not parse)",
					   i, fuzz_show(el[i].ptr, el[i].len), row->problem ? row->problem : "NULL",
					   r->why ? "a reason of a failed lookup" : "no lookup passed", r->why);
		}
		else if (r->ok)
			FUZZ_CHECK(row->problem != NULL, "row %zu of type %u has no problem", i, r->rr.type);
	}
	FUZZ_CHECK(res.n_txt == ntxt && res.n_caa == ncaa, "%zu TXT and %zu CAA contacts, expected %zu and %zu",
			   res.n_txt, res.n_caa, ntxt, ncaa);
	for (size_t i = 0; i < ntxt; i++)
		FUZZ_CHECK(strcmp(res.txt[i], txt[i]) == 0, "TXT contact %zu \"%s\", expected \"%s\"", i,
				   res.txt[i], txt[i]);
	for (size_t i = 0; i < ncaa; i++)
		FUZZ_CHECK(strcmp(res.caa[i], caa[i]) == 0, "CAA contact %zu \"%s\", expected \"%s\"", i,
				   res.caa[i], caa[i]);
	/* the decisions' cheaper path finds the same */
	{
		dcv_dns_result only;

		dcv_dns_contacts_only(dom, el, n, &a, &only);
		FUZZ_CHECK(only.n == n && only.n_txt == ntxt && only.n_caa == ncaa,
				   "dcv_dns_contacts_only: %zu rows, %zu TXT and %zu CAA contacts, expected %zu, %zu, %zu",
				   only.n, only.n_txt, only.n_caa, n, ntxt, ncaa);
		for (size_t i = 0; i < ntxt; i++)
			FUZZ_CHECK(strcmp(only.txt[i], txt[i]) == 0, "dcv_dns_contacts_only: TXT contact \"%s\", expected \"%s\"",
					   only.txt[i], txt[i]);
		for (size_t i = 0; i < ncaa; i++)
			FUZZ_CHECK(strcmp(only.caa[i], caa[i]) == 0, "dcv_dns_contacts_only: CAA contact \"%s\", expected \"%s\"",
					   only.caa[i], caa[i]);
		for (size_t i = 0; i < n; i++)
			FUZZ_CHECK((only.rows[i].email == NULL) == (st.r[i].email == NULL) &&
					   (only.rows[i].email == NULL || strcmp(only.rows[i].email, st.r[i].email) == 0),
					   "dcv_dns_contacts_only: row %zu gives \"%s\", expected \"%s\"", i,
					   only.rows[i].email ? only.rows[i].email : "(none)",
					   st.r[i].email ? st.r[i].email : "(none)");
	}
	for (size_t i = 0; i < ntxt; i++)
		FUZZ_CHECK(dcv_dns_has_contact(&res, txt[i]), "dcv_dns_has_contact(\"%s\")", txt[i]);
	for (size_t i = 0; i < ncaa; i++)
		FUZZ_CHECK(dcv_dns_has_contact(&res, caa[i]), "dcv_dns_has_contact(\"%s\")", caa[i]);

	/* candidates: WHOIS, constructed, TXT, CAA, subdomain; each address once */
	{
		dcv_candidates c;
		size_t		cap = n_whois + 5 + ntxt + ncaa + 5 * nadn + 1;
		const char **want = fz_alloc(cap * sizeof(char *));
		dcv_source *src = fz_alloc(cap * sizeof(dcv_source));
		const char **w = fz_alloc((n_whois + 1) * sizeof(char *));
		size_t		nw = 0,
					k = 0;
		const char **sorted;

		for (size_t i = 0; whois && i < n_whois; i++)
		{
			char		buf[DCV_EMAIL_BUF];
			size_t		len;

			if (whois[i].ptr && dcv_normalize_email(whois[i].ptr, whois[i].len, buf, &len, NULL) == DCV_OK)
				w[nw++] = dup_str(buf);
		}
		nw = sort_unique(w, nw);
		for (size_t i = 0; i < nw; i++)
		{
			want[k] = w[i];
			src[k++] = DCV_SRC_WHOIS;
		}
		for (int i = 0; i < DCV_LOCAL_PARTS; i++)
		{
			sbuf		e = {0};

			sb_fmt(&e, "%s@", dcv_local_parts[i]);
			sb_str(&e, dom->base);
			if (!in_list(want, k, e.p))
			{
				want[k] = e.p;
				src[k++] = DCV_SRC_CONSTRUCTED;
			}
		}
		for (size_t i = 0; i < ntxt; i++)
			if (!in_list(want, k, txt[i]))
			{
				want[k] = txt[i];
				src[k++] = DCV_SRC_DNS_TXT;
			}
		for (size_t i = 0; i < ncaa; i++)
			if (!in_list(want, k, caa[i]))
			{
				want[k] = caa[i];
				src[k++] = DCV_SRC_CAA;
			}
		for (size_t j = 0; subdomains && j + 1 < nadn; j++)
			for (int i = 0; i < DCV_LOCAL_PARTS; i++)
			{
				sbuf		e = {0};

				sb_fmt(&e, "%s@", dcv_local_parts[i]);
				sb_str(&e, adn[j]);
				if (!in_list(want, k, e.p))
				{
					want[k] = e.p;
					src[k++] = DCV_SRC_SUBDOMAIN;
				}
			}
		dcv_build_candidates_dns(dom, whois, whois ? n_whois : 0, &res, subdomains, &a, &c);
		FUZZ_CHECK(c.n == k && c.n_whois == nw, "%zu candidates (%zu WHOIS), expected %zu (%zu)",
				   c.n, c.n_whois, k, nw);
		for (size_t i = 0; i < k; i++)
			FUZZ_CHECK(strcmp(c.items[i].email, want[i]) == 0 && c.items[i].source == src[i],
					   "candidate %zu \"%s\" (%s), expected \"%s\" (%s)", i, c.items[i].email,
					   dcv_source_name(c.items[i].source), want[i], dcv_source_name(src[i]));
		sorted = fz_alloc((c.n + 1) * sizeof(char *));
		for (size_t i = 0; i < c.n; i++)
			sorted[i] = c.items[i].email;
		qsort(sorted, c.n, sizeof(char *), cmp_cstr);
		for (size_t i = 1; i < c.n; i++)
			FUZZ_CHECK(strcmp(sorted[i - 1], sorted[i]) != 0, "candidate \"%s\" twice", sorted[i]);
		for (size_t i = 0; i < c.n; i++)
			FUZZ_CHECK(dcv_candidates_contain(&c, c.items[i].email), "candidate \"%s\" not found",
					   c.items[i].email);

		/*
		 * A designated contact that is no other candidate: accepted when
		 * DNS contacts are, refused naming SC13 when not.
		 */
		for (size_t i = 0, tried = 0; i < k && tried < 2; i++)
		{
			dcv_decision_in in;
			dcv_decision d;
			dcv_error	err;
			dcv_status	s;
			dcv_str		des;
			const char *at;
			bool		five = false;

			if (src[i] != DCV_SRC_DNS_TXT && src[i] != DCV_SRC_CAA)
				continue;
			at = strchr(want[i], '@');
			for (int l = 0; l < DCV_LOCAL_PARTS; l++)
				five |= strlen(dcv_local_parts[l]) == (size_t) (at - want[i]) &&
					strncmp(want[i], dcv_local_parts[l], (size_t) (at - want[i])) == 0;
			if (five)
				continue;
			tried++;
			des.ptr = want[i];
			des.len = strlen(want[i]);
			memset(&in, 0, sizeof(in));
			in.line = (i & 1) ? DCV_LINE_OV_EV : DCV_LINE_DV;
			in.era = DCV_ERA_NOTICE;
			in.subdomains = subdomains;
			in.domain.ptr = dom->name;
			in.domain.len = strlen(dom->name);
			in.designated = &des;
			in.n_designated = 1;
			in.whois = whois;
			in.n_whois = whois ? n_whois : 0;
			in.dns = el;
			in.n_dns = n;
			in.dns_allowed = true;
			s = dcv_decide(&in, &a, &d, &err);
			FUZZ_CHECK(s == DCV_OK && d.rule == DCV_RULE_DESIGNATED && d.n == 1 &&
					   strcmp(d.recipients[0], want[i]) == 0,
					   "designated contact \"%s\": status %d (%s)", want[i], s, s == DCV_OK ? "" : err.detail);
			in.dns_allowed = false;
			s = dcv_decide(&in, &a, &d, &err);
			FUZZ_CHECK(s == DCV_ERR_NOT_CANDIDATE && err.index == 0 && strstr(err.detail, "SC13") != NULL,
					   "designated contact \"%s\" before SC13: status %d (%s)", want[i], s,
					   s == DCV_OK ? "accepted" : err.detail);
		}
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init_psl_table();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	dcv_str    *el = fz_alloc((MAX_ELEMENTS + 16) * sizeof(dcv_str));
	dcv_str    *whois = fz_alloc((MAX_ELEMENTS + 1) * sizeof(dcv_str));
	size_t		nel = 0,
				nw = 0,
				i = 0;
	dcv_str		domain = {s, 0};
	bool		first = true,
				subdomains = false,
				whois_null = false;
	dcv_domain	dom;
	bool		dom_ok;
	gsrc		g;

	while (i <= size && nel + nw < MAX_ELEMENTS)
	{
		size_t		end = i;
		const char *l = s + i;
		size_t		len;

		while (end < size && s[end] != '\n')
			end++;
		len = end - i;
		if (first)
		{
			const char *sp = memchr(l, ' ', len);

			domain.ptr = l;
			domain.len = sp ? (size_t) (sp - l) : len;
			for (const char *o = sp; o && o < l + len; o++)
			{
				subdomains |= *o == 's';
				whois_null |= *o == 'n';
			}
			first = false;
		}
		else if (len >= 2 && l[0] == 'W' && l[1] == '=')
			whois[nw++] = (dcv_str) {l + 2, len - 2};
		else if (len == 1 && l[0] == '-')
			el[nel++] = (dcv_str) {NULL, 0};
		else if (end < size || len > 0)
		{
			char	   *copy = dup_mem(l, len);

			for (size_t j = 0; j < len; j++)
				if (copy[j] == '\x1F')
					copy[j] = '\n';
			el[nel++] = (dcv_str) {copy, len};
		}
		i = end + 1;
	}

	gsrc_init(&g, data, size);
	dom_ok = dcv_domain_analyze(domain.ptr, domain.len, &dom, NULL) == DCV_OK;
	if (!dom_ok)
	{
		memset(&dom, 0, sizeof(dom));
		strcpy(dom.name, "www.example.com");
		strcpy(dom.base, "example.com");
	}

	/* generated records: printed, parsed back, and added to the elements */
	for (unsigned k = 1 + gpick(&g, 6); k > 0; k--)
	{
		grec		r;
		sbuf		line = {0};
		bool		valid;
		int			head;

		gen_record(&g, &dom, &r);
		print_record(&g, &line, &r, &valid, &head);
		check_roundtrip(line.p, line.n, &r, valid, head);
		if (gchance(&g, 1, 24))
		{
			/*
			 * two records in one element: refused, nothing of it read (a
			 * comment ends at a CR as at an LF)
			 */
			grec		r2;
			bool		valid2;
			int			head2;
			dcv_rr		rr;
			dcv_error	err;
			dcv_alloc	a = {test_arena_alloc, &ar, NULL};
			unsigned	end = gpick(&g, 3);

			if (gchance(&g, 1, 2))
				sb_str(&line, " ; first");
			sb_str(&line, end == 0 ? "\n" : end == 1 ? "\r\n" : "\r");
			gen_record(&g, &dom, &r2);
			print_record(&g, &line, &r2, &valid2, &head2);
			FUZZ_CHECK(two_lines(line.p, line.n), "two records in one line: %s",
					   fuzz_show(line.p, line.n));
			FUZZ_CHECK(dcv_rr_parse(line.p, line.n, &a, &rr, &err) == DCV_ERR_DOMAIN && !rr.typed,
					   "an element of two records is accepted, or its owner and type read: %s",
					   fuzz_show(line.p, line.n));
		}
		el[nel++] = (dcv_str) {line.p, line.n};
	}

	if (dom_ok)
		check_contacts(&dom, el, nel, whois_null ? NULL : whois, nw, subdomains);
	else
	{
		/* still parse every element */
		dcv_alloc	a = {test_arena_alloc, &ar, NULL};

		for (size_t k = 0; k < nel; k++)
			if (el[k].ptr)
			{
				dcv_rr		rr;
				dcv_error	err;
				dcv_status	st = dcv_rr_parse(el[k].ptr, el[k].len, &a, &rr, &err);

				check_element(el[k].ptr, el[k].len, st, &rr);
			}
	}
	test_arena_reset(&ar);
	return 0;
}
