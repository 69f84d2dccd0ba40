/*
 * dns.c
 *		Contacts a domain holder publishes in DNS (BR 3.2.2.4.13 and
 *		3.2.2.4.14, Appendix A; doc/rules.md, "DNS-published contacts"):
 *		records as dig prints them, parsed; the TXT records at
 *		_validation-contactemail.<ADN>; the CAA contactemail properties of the
 *		relevant record set of each ADN (RFC 8659 section 3); aliases followed
 *		within the records given.
 */
#include "dcv_core.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TXT_PREFIX "_validation-contactemail."
#define TXT_PREFIX_LEN (sizeof(TXT_PREFIX) - 1)
#define MAX_LINKS 8
#define NAME_WIRE_MAX 255
#define TTL_MAX 2147483647UL

/*
 * Tokens of a line
 */

typedef struct token
{
	const char *raw;			/* the text, inside the quotes when quoted */
	size_t		len;
	bool		quoted;
} token;

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_newline(char c)
{
	return c == '\n' || c == '\r';
}

/* Ends an unquoted token. */
static bool
is_delimiter(char c)
{
	return is_blank(c) || is_newline(c) || c == '(' || c == ')' || c == ';' || c == '"';
}

/*
 * Splits a line into tokens (RFC 1035 section 5.1): blanks separate them;
 * "(" and ")" group, so line breaks count as blanks between them; ";" starts
 * a comment; a quoted string may hold anything, with backslash escapes.
 */
static dcv_status
tokenize(const char *s, size_t len, const dcv_alloc *a, token **buf, size_t *cap,
		 token **out, size_t *n, dcv_error *err)
{
	token	   *t;
	size_t		k = 0;
	int			depth = 0;
	size_t		i = 0;

	/* a token takes a byte and a blank: the caller's buffer, grown to fit */
	if (*cap < len / 2 + 2)
	{
		*cap = len / 2 + 2;
		*buf = a->fn(a->ctx, *cap * sizeof(token));
	}
	t = *buf;
	/* the tokens read so far, also when the line then fails */
	*out = t;
	*n = 0;
	while (i < len)
	{
		char		c = s[i];

		dcv_tick(a, i);
		if (is_blank(c))
		{
			i++;
			continue;
		}
		if (is_newline(c))
		{
			if (depth == 0)
			{
				for (size_t j = i; j < len; j++)
					if (!is_blank(s[j]) && !is_newline(s[j]))
						return *n = 0,	/* of two records, neither is read */
							dcv_fail(err, DCV_ERR_DOMAIN,
										"the element holds more than one line; give one record an element");
			}
			i++;
			continue;
		}
		if (c == ';')
		{
			/* to the end of the line; what follows is judged as above */
			while (i < len && !is_newline(s[i]))
				i++;
			continue;
		}
		if (c == '(')
		{
			depth++;
			i++;
			continue;
		}
		if (c == ')')
		{
			if (depth == 0)
				return dcv_fail(err, DCV_ERR_DOMAIN, "a \")\" closes no \"(\"");
			depth--;
			i++;
			continue;
		}
		if (c == '"')
		{
			size_t		start = ++i;

			while (i < len && s[i] != '"')
				i += (s[i] == '\\') ? 2 : 1;
			if (i >= len)
				return dcv_fail(err, DCV_ERR_DOMAIN, "a quoted string is not closed");
			t[k].raw = s + start;
			t[k].len = i - start;
			t[k++].quoted = true;
			*n = k;
			i++;
			if (i < len && !is_blank(s[i]) && !is_newline(s[i]) && s[i] != ')' && s[i] != ';')
				return dcv_fail(err, DCV_ERR_DOMAIN,
								"a quoted string is followed by more text without a space");
			continue;
		}
		{
			size_t		start = i;

			while (i < len && !is_delimiter(s[i]))
			{
				if (s[i] == '\\')
				{
					if (i + 1 >= len)
						return dcv_fail(err, DCV_ERR_DOMAIN, "the line ends with a backslash");
					i++;
				}
				i++;
			}
			if (i < len && s[i] == '"')
				return dcv_fail(err, DCV_ERR_DOMAIN,
								"a double quote inside an unquoted string (escape it as \\\")");
			t[k].raw = s + start;
			t[k].len = i - start;
			t[k++].quoted = false;
			*n = k;
		}
	}
	if (depth != 0)
		return dcv_fail(err, DCV_ERR_DOMAIN, "a \"(\" is not closed");
	return DCV_OK;
}

/*
 * The byte an escape at s[*i] (a backslash) stands for: \DDD is the octet
 * DDD (decimal, at most 255), \X is X.  Advances *i past it.
 */
static dcv_status
unescape(const char *s, size_t len, size_t *i, unsigned char *byte, dcv_error *err)
{
	size_t		j = *i + 1;

	if (j >= len)
		return dcv_fail(err, DCV_ERR_DOMAIN, "a backslash ends the string");
	if (s[j] >= '0' && s[j] <= '9')
	{
		unsigned	v = 0;

		for (int d = 0; d < 3; d++, j++)
		{
			if (j >= len || s[j] < '0' || s[j] > '9')
				return dcv_fail(err, DCV_ERR_DOMAIN,
								"a \\DDD escape needs three decimal digits");
			v = v * 10 + (unsigned) (s[j] - '0');
		}
		if (v > 255)
			return dcv_fail(err, DCV_ERR_DOMAIN, "the escape \\%03u is not an octet", v);
		*byte = (unsigned char) v;
		*i = j;
		return DCV_OK;
	}
	*byte = (unsigned char) s[j];
	*i = j + 1;
	return DCV_OK;
}

/* A token's content with escapes decoded, allocated. */
static dcv_status
decode(const token *t, const dcv_alloc *a, dcv_str *out, dcv_error *err)
{
	char	   *p = a->fn(a->ctx, t->len + 1);
	size_t		k = 0;

	for (size_t i = 0; i < t->len;)
	{
		if (t->raw[i] == '\\')
		{
			unsigned char b;

			if (unescape(t->raw, t->len, &i, &b, err) != DCV_OK)
				return DCV_ERR_DOMAIN;
			p[k++] = (char) b;
		}
		else
			p[k++] = t->raw[i++];
	}
	p[k] = '\0';
	out->ptr = p;
	out->len = k;
	return DCV_OK;
}

static bool
token_is(const token *t, const char *word)
{
	size_t		n = strlen(word);

	if (t->quoted || t->len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (dcv_lower((unsigned char) t->raw[i]) != dcv_lower((unsigned char) word[i]))
			return false;
	return true;
}

static bool
all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* A decimal of at most ten digits, or false. */
static bool
number(const token *t, unsigned long *v)
{
	if (t->quoted || !all_digits(t->raw, t->len) || t->len > 10)
		return false;
	*v = 0;
	for (size_t i = 0; i < t->len; i++)
		*v = *v * 10 + (unsigned long) (t->raw[i] - '0');
	return true;
}

/*
 * Names
 */

typedef struct name_buf
{
	char	   *text;			/* DCV_NAME_TEXT_BUF bytes */
	size_t		len;
	size_t		wire;			/* octets on the wire, the root's included */
} name_buf;

static bool
is_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '*';
}

static void
put_escaped(name_buf *nb, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) dcv_lower(b[i]);

		if (is_plain(c))
			nb->text[nb->len++] = (char) c;
		else
			nb->len += (size_t) snprintf(nb->text + nb->len, 5, "\\%03u", c);
	}
}

/*
 * The normal form of a label that holds octets outside ASCII, into out
 * (room for DCV_DOMAIN_BUF), when it is one host-name label: valid UTF-8,
 * no dot of its own (an escaped "." or a full stop UTS#46 maps to one), and
 * a label UTS#46 accepts in the middle of a name (so fullwidth digits give
 * digits).
 */
static bool
host_label(const unsigned char *b, size_t n, char *out)
{
	char		name[DCV_LABEL_MAX * 4 + 3];
	char		host[DCV_DOMAIN_BUF];
	bool		wc;
	size_t		h;

	if (n > DCV_LABEL_MAX || memchr(b, '.', n) != NULL ||
		dcv_check_utf8((const char *) b, n, DCV_ERR_DOMAIN, NULL) != DCV_OK)
		return false;
	for (size_t i = 0; i + 2 < n; i++)
		if ((b[i] == 0xE3 && b[i + 1] == 0x80 && b[i + 2] == 0x82) ||	/* U+3002 */
			(b[i] == 0xEF && b[i + 1] == 0xBC && b[i + 2] == 0x8E) ||	/* U+FF0E */
			(b[i] == 0xEF && b[i + 1] == 0xBD && b[i + 2] == 0xA1))	/* U+FF61 */
			return false;
	memcpy(name, b, n);
	memcpy(name + n, ".a", 3);
	if (dcv_normalize_domain(name, n + 2, false, host, &wc, NULL) != DCV_OK)
		return false;
	h = strlen(host);
	if (h < 3 || memcmp(host + h - 2, ".a", 2) != 0 || memchr(host, '.', h - 2) != NULL)
		return false;
	memcpy(out, host, h - 2);
	out[h - 2] = '\0';
	return true;
}

/*
 * Appends a label (raw octets) in canonical form: ASCII lowercased; a label
 * with other octets that is a host-name label in Unicode becomes its
 * A-label (so an owner in Unicode equals its A-label form); anything else
 * is kept as escaped octets, which no host name equals.
 */
static dcv_status
put_label(name_buf *nb, const unsigned char *b, size_t n, dcv_error *err)
{
	bool		ascii = true;
	char		alabel[DCV_DOMAIN_BUF];
	size_t		wire;

	if (n == 0)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the name has an empty label");
	if (n > DCV_LABEL_MAX)
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"a label of the name is %zu octets long; at most %d are allowed",
						n, DCV_LABEL_MAX);
	for (size_t i = 0; i < n; i++)
		ascii &= b[i] < 0x80;

	/*
	 * The name's length counts the label as it is on the wire: a host-name
	 * label as its A-label (so the Unicode and A-label forms of an owner
	 * are the same name, and as long), anything else as its octets.  The
	 * text then holds at most 4 characters an octet: it fits.
	 */
	if (!ascii && host_label(b, n, alabel))
		wire = strlen(alabel);
	else
	{
		alabel[0] = '\0';
		wire = n;
	}
	nb->wire += wire + 1;
	if (nb->wire > NAME_WIRE_MAX)
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"the name is longer than %d octets", NAME_WIRE_MAX);
	if (nb->len > 0)
		nb->text[nb->len++] = '.';
	if (alabel[0] != '\0')
	{
		memcpy(nb->text + nb->len, alabel, wire + 1);
		nb->len += wire;
	}
	else
		put_escaped(nb, b, n);
	nb->text[nb->len] = '\0';
	return DCV_OK;
}

/* A name in presentation format (one unquoted token) into out. */
static dcv_status
parse_name(const token *t, char *out, dcv_error *err)
{
	name_buf	nb = {out, 0, 1};
	unsigned char label[DCV_LABEL_MAX + 1];
	size_t		n = 0;
	bool		over = false;

	out[0] = '\0';
	if (t->quoted)
		return dcv_fail(err, DCV_ERR_DOMAIN, "a name is not a quoted string");
	if (t->len == 1 && t->raw[0] == '.')
		return DCV_OK;			/* the root */
	if (t->len == 1 && t->raw[0] == '@')
		return dcv_fail(err, DCV_ERR_DOMAIN, "\"@\" stands for a zone's origin, which a record line does not give");
	for (size_t i = 0; i < t->len;)
	{
		unsigned char b;

		if (t->raw[i] == '.')
		{
			if (put_label(&nb, label, over ? DCV_LABEL_MAX + 1 : n, err) != DCV_OK)
				return DCV_ERR_DOMAIN;
			n = 0;
			over = false;
			i++;
			continue;
		}
		if (t->raw[i] == '\\')
		{
			if (unescape(t->raw, t->len, &i, &b, err) != DCV_OK)
				return DCV_ERR_DOMAIN;
		}
		else
			b = (unsigned char) t->raw[i++];
		if (n < DCV_LABEL_MAX)
			label[n++] = b;
		else
			over = true;
	}
	if (n > 0 || over)
		return put_label(&nb, label, over ? DCV_LABEL_MAX + 1 : n, err);
	return DCV_OK;
}

/* A name in wire format (RFC 1035 section 3.1, no compression). */
static dcv_status
wire_name(const unsigned char *w, size_t n, char *out, dcv_error *err)
{
	name_buf	nb = {out, 0, 1};
	size_t		i = 0;

	out[0] = '\0';
	for (;;)
	{
		size_t		l;

		if (i >= n)
			return dcv_fail(err, DCV_ERR_DOMAIN, "the name in the generic RDATA has no end");
		l = w[i++];
		if (l == 0)
			break;
		if (l > DCV_LABEL_MAX)
			return dcv_fail(err, DCV_ERR_DOMAIN, "the name in the generic RDATA has a label of length %zu", l);
		if (i + l > n)
			return dcv_fail(err, DCV_ERR_DOMAIN, "the name in the generic RDATA is cut short");
		if (put_label(&nb, w + i, l, err) != DCV_OK)
			return DCV_ERR_DOMAIN;
		i += l;
	}
	if (i != n)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the generic RDATA goes on after the name");
	return DCV_OK;
}

/*
 * RDATA
 */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = dcv_lower((unsigned char) c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* RFC 3597 section 5: "\# length hex...", into wire octets. */
static dcv_status
generic_rdata(const token *t, size_t n, const dcv_alloc *a, unsigned char **w,
			  size_t *wlen, dcv_error *err)
{
	unsigned long len;
	size_t		k = 0;
	int			hi = -1;

	if (n < 2 || !number(&t[1], &len) || len > 65535)
		return dcv_fail(err, DCV_ERR_DOMAIN, "\\# is followed by the RDATA length, a decimal from 0 to 65535");
	*w = a->fn(a->ctx, len + 1);
	for (size_t i = 2; i < n; i++)
	{
		if (t[i].quoted)
			return dcv_fail(err, DCV_ERR_DOMAIN, "the generic RDATA is hexadecimal, not a quoted string");
		for (size_t j = 0; j < t[i].len; j++)
		{
			int			v = hexval(t[i].raw[j]);

			if (v < 0)
				return dcv_fail(err, DCV_ERR_DOMAIN, "the generic RDATA has a character that is not a hexadecimal digit");
			if (hi < 0)
				hi = v;
			else
			{
				if (k >= len)
					return dcv_fail(err, DCV_ERR_DOMAIN, "the generic RDATA is longer than its length %lu", len);
				(*w)[k++] = (unsigned char) (hi * 16 + v);
				hi = -1;
			}
		}
	}
	if (hi >= 0)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the generic RDATA has an odd number of hexadecimal digits");
	if (k != len)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the generic RDATA has %zu octets, not its length %lu", k, len);
	*wlen = k;
	return DCV_OK;
}

static dcv_str
copy_bytes(const dcv_alloc *a, const unsigned char *b, size_t n)
{
	dcv_str		s;

	s.ptr = dcv_strndup(a, (const char *) b, n);
	s.len = n;
	return s;
}

static dcv_status
check_tag(const dcv_str *tag, dcv_error *err)
{
	if (tag->len == 0)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the CAA tag is empty");
	for (size_t i = 0; i < tag->len; i++)
	{
		unsigned char c = (unsigned char) dcv_lower((unsigned char) tag->ptr[i]);

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			return dcv_fail(err, DCV_ERR_DOMAIN, "the CAA tag has a character other than a letter or digit");
	}
	return DCV_OK;
}

static dcv_status
wire_rdata(dcv_rr *rr, const unsigned char *w, size_t n, const dcv_alloc *a, dcv_error *err)
{
	switch (rr->type)
	{
		case DCV_RR_TXT:
			{
				size_t		k = 0;

				if (n == 0)
					return dcv_fail(err, DCV_ERR_DOMAIN, "a TXT record holds at least one character-string");
				rr->strings = a->fn(a->ctx, n * sizeof(dcv_str));
				for (size_t i = 0; i < n; k++)
				{
					size_t		l = w[i++];

					if (i + l > n)
						return dcv_fail(err, DCV_ERR_DOMAIN, "a character-string of the generic RDATA is cut short");
					rr->strings[k] = copy_bytes(a, w + i, l);
					i += l;
				}
				rr->n_strings = k;
				return DCV_OK;
			}
		case DCV_RR_CAA:
			if (n < 2 || w[1] == 0 || (size_t) w[1] + 2 > n)
				return dcv_fail(err, DCV_ERR_DOMAIN, "the generic RDATA is not a CAA record (flags, tag length, tag, value)");
			rr->caa_flags = w[0];
			rr->caa_tag = copy_bytes(a, w + 2, w[1]);
			rr->caa_value = copy_bytes(a, w + 2 + w[1], n - 2 - w[1]);
			return check_tag(&rr->caa_tag, err);
		case DCV_RR_CNAME:
			return wire_name(w, n, rr->target, err);
	}
	return DCV_OK;
}

static dcv_status
text_rdata(dcv_rr *rr, const token *t, size_t n, const dcv_alloc *a, dcv_error *err)
{
	switch (rr->type)
	{
		case DCV_RR_TXT:
			{
				size_t		total = 0;

				if (n == 0)
					return dcv_fail(err, DCV_ERR_DOMAIN, "a TXT record holds at least one character-string");
				rr->strings = a->fn(a->ctx, n * sizeof(dcv_str));
				for (size_t i = 0; i < n; i++)
				{
					if (decode(&t[i], a, &rr->strings[i], err) != DCV_OK)
						return DCV_ERR_DOMAIN;
					if (rr->strings[i].len > 255)
						return dcv_fail(err, DCV_ERR_DOMAIN,
										"a character-string is %zu octets long; at most 255 are allowed",
										rr->strings[i].len);
					total += rr->strings[i].len + 1;
				}
				if (total > 65535)
					return dcv_fail(err, DCV_ERR_DOMAIN, "the RDATA is longer than 65535 octets");
				rr->n_strings = n;
				return DCV_OK;
			}
		case DCV_RR_CAA:
			{
				unsigned long flags;

				if (n != 3)
					return dcv_fail(err, DCV_ERR_DOMAIN,
									"a CAA record is flags, tag and one value; this one has %zu fields", n);
				if (!number(&t[0], &flags) || flags > 255)
					return dcv_fail(err, DCV_ERR_DOMAIN, "the CAA flags are not a decimal from 0 to 255");
				rr->caa_flags = (int) flags;
				if (t[1].quoted)
					return dcv_fail(err, DCV_ERR_DOMAIN, "the CAA tag is not a quoted string");
				if (decode(&t[1], a, &rr->caa_tag, err) != DCV_OK ||
					check_tag(&rr->caa_tag, err) != DCV_OK)
					return DCV_ERR_DOMAIN;
				if (rr->caa_tag.len > 255)
					return dcv_fail(err, DCV_ERR_DOMAIN, "the CAA tag is longer than 255 octets");
				if (decode(&t[2], a, &rr->caa_value, err) != DCV_OK)
					return DCV_ERR_DOMAIN;
				if (rr->caa_value.len + rr->caa_tag.len + 2 > 65535)
					return dcv_fail(err, DCV_ERR_DOMAIN, "the RDATA is longer than 65535 octets");
				return DCV_OK;
			}
		case DCV_RR_CNAME:
			if (n != 1)
				return dcv_fail(err, DCV_ERR_DOMAIN, "a CNAME record has one target name; this one has %zu fields", n);
			return parse_name(&t[0], rr->target, err);
	}
	return DCV_OK;
}

/* The class, or false when the token is not one. */
static bool
class_token(const token *t, bool *in)
{
	static const char *const classes[] = {"IN", "CH", "HS", "CS", "NONE", "ANY"};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (token_is(t, classes[i]))
		{
			*in = i == 0;
			return true;
		}
	if (!t->quoted && t->len > 5 && t->len <= 10 && token_is(&(token) {t->raw, 5, false}, "CLASS") &&
		all_digits(t->raw + 5, t->len - 5))
	{
		*in = t->len == 6 && t->raw[5] == '1';
		return true;
	}
	return false;
}

/* The type, or false when the token cannot be a type's mnemonic. */
static bool
type_token(const token *t, dcv_rr *rr)
{
	static const struct
	{
		const char *name;
		unsigned	code;
	}			known[] = {{"TXT", DCV_RR_TXT}, {"CAA", DCV_RR_CAA}, {"CNAME", DCV_RR_CNAME}};
	char		c0;

	if (t->quoted || t->len == 0 || t->len >= sizeof(rr->type_name))
		return false;
	c0 = dcv_lower((unsigned char) t->raw[0]);
	if (c0 < 'a' || c0 > 'z')
		return false;
	for (size_t i = 0; i < t->len; i++)
	{
		char		c = dcv_lower((unsigned char) t->raw[i]);

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
		rr->type_name[i] = (char) (c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c);
	}
	rr->type_name[t->len] = '\0';
	rr->type = 0;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (token_is(t, known[i].name))
			rr->type = known[i].code;
	/* RFC 3597 section 5: TYPEnnn */
	if (t->len > 4 && t->len <= 9 && token_is(&(token) {t->raw, 4, false}, "TYPE") &&
		all_digits(t->raw + 4, t->len - 4))
	{
		unsigned long v = strtoul(rr->type_name + 4, NULL, 10);

		if (v > 65535)
			return false;
		rr->type = (unsigned) v;
		if (v == DCV_RR_TXT || v == DCV_RR_CAA || v == DCV_RR_CNAME)
			strcpy(rr->type_name, v == DCV_RR_TXT ? "TXT" : v == DCV_RR_CAA ? "CAA" : "CNAME");
	}
	return true;
}

/* Whether text follows a line break (wherever it is, quoted or not). */
static bool
later_line(const char *s, size_t len)
{
	bool		broken = false;

	for (size_t i = 0; i < len; i++)
	{
		if (is_newline(s[i]))
			broken = true;
		else if (broken && !is_blank(s[i]))
			return true;
	}
	return false;
}

/*
 * For a line that fails after its owner: whether its owner and type can
 * still be read (TTLs skipped; a class other than IN is no record of the
 * Internet's), so that the record counts at its name for the lookups.
 */
static void
read_owner_type(const token *t, size_t n, dcv_rr *out)
{
	size_t		i = 1;
	bool		in = true;

	out->typed = false;
	if (n < 2 || parse_name(&t[0], out->owner, NULL) != DCV_OK)
		return;
	for (; i < n && i <= 2; i++)
	{
		bool		this_in;

		if (!t[i].quoted && all_digits(t[i].raw, t[i].len))
			continue;
		if (class_token(&t[i], &this_in))
		{
			in &= this_in;
			continue;
		}
		break;
	}
	if (in && i < n && type_token(&t[i], out))
		out->typed = true;
}

static dcv_status
rr_parse(const char *line, size_t len, const dcv_alloc *a, dcv_rr *out,
		 dcv_error *err, token **tokbuf, size_t *tokcap)
{
	token	   *t = NULL;
	size_t		n = 0,
				i = 1;
	bool		ttl_seen = false,
				class_seen = false;

	memset(out, 0, sizeof(*out));
	out->caa_flags = -1;
	if (len > 65535 * 4 + 2048)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the element is %zu bytes long, more than any record", len);
	/*
	 * U+FFFD is what a character of the database encoding that Unicode
	 * lacks became: two such names would read as one.
	 */
	for (size_t j = 0; j + 2 < len; j++)
		if (line[j] == '\xEF' && line[j + 1] == '\xBF' && line[j + 2] == '\xBD')
			return dcv_fail(err, DCV_ERR_DOMAIN,
							"the element holds U+FFFD, the replacement for a character that could not be read");
	if (tokenize(line, len, a, tokbuf, tokcap, &t, &n, err) != DCV_OK)
	{
		/* an element that may hold two records gives neither */
		if (!later_line(line, len))
			read_owner_type(t, n, out);
		return DCV_ERR_DOMAIN;
	}
	if (n == 0)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the element holds no record (blank, or a comment only)");
	if (parse_name(&t[0], out->owner, err) != DCV_OK)
	{
		char		detail[DCV_DETAIL_BUF];

		if (err == NULL)
			return DCV_ERR_DOMAIN;
		memcpy(detail, err->detail, sizeof(detail));
		return dcv_fail(err, DCV_ERR_DOMAIN, "the owner name: %s", detail);
	}
	for (; i < n && i <= 2; i++)
	{
		unsigned long ttl = 0;
		bool		in;

		if (number(&t[i], &ttl) || (!t[i].quoted && all_digits(t[i].raw, t[i].len)))
		{
			if (ttl_seen || t[i].len > 10 || ttl > TTL_MAX)
			{
				read_owner_type(t, n, out);
				return dcv_fail(err, DCV_ERR_DOMAIN, ttl_seen ? "the line has two TTLs"
								: "the TTL is more than 2147483647");
			}
			ttl_seen = true;
		}
		else if (class_token(&t[i], &in))
		{
			if (class_seen)
				return dcv_fail(err, DCV_ERR_DOMAIN, "the line has two classes");
			if (!in)
				return dcv_fail(err, DCV_ERR_DOMAIN, "the class is not IN");
			class_seen = true;
		}
		else
			break;
	}
	if (i >= n || !type_token(&t[i], out))
		return dcv_fail(err, DCV_ERR_DOMAIN, "there is no record type after the owner name");
	out->typed = true;
	i++;
	if (out->type != DCV_RR_TXT && out->type != DCV_RR_CAA && out->type != DCV_RR_CNAME)
		return DCV_OK;			/* not read: its RDATA does not matter */
	if (i < n && !t[i].quoted && t[i].len == 2 && t[i].raw[0] == '\\' && t[i].raw[1] == '#')
	{
		unsigned char *w = NULL;
		size_t		wlen = 0;

		if (generic_rdata(t + i, n - i, a, &w, &wlen, err) != DCV_OK)
			return DCV_ERR_DOMAIN;
		return wire_rdata(out, w, wlen, a, err);
	}
	return text_rdata(out, t + i, n - i, a, err);
}

dcv_status
dcv_rr_parse(const char *line, size_t len, const dcv_alloc *a, dcv_rr *out,
			 dcv_error *err)
{
	token	   *buf = NULL;
	size_t		cap = 0;

	return rr_parse(line, len, a, out, err, &buf, &cap);
}

/*
 * Contacts
 */

/* What the CAA lookup of a level of the climb found. */
#define CLIMB_UNKNOWN 0
#define CLIMB_ON 1				/* no CAA record: the climb goes on */
#define CLIMB_ENDS 2			/* a set, or a failed lookup */

typedef enum cname_fail
{
	CNAME_OK = 0,
	CNAME_LOOP,
	CNAME_TOO_LONG,
	CNAME_TWO,
	CNAME_TO_TWO,
	CNAME_TO_BROKEN
} cname_fail;

/* What a record needs of dcv_rr, without its name buffers. */
typedef struct rec_rr
{
	unsigned	type;
	char		type_name[16];
	dcv_str    *strings;
	size_t		n_strings;
	dcv_str		caa_tag;
	dcv_str		caa_value;
} rec_rr;

struct group;

typedef struct rec
{
	size_t		index;
	bool		parsed;
	bool		broken;			/* owner and type read, the RDATA not */
	struct group *grp;			/* the records at the same owner */
	rec_rr		rr;
	const char *owner;
	const char *target;
	const char *problem;		/* parse error, as a phrase */
	bool		used;			/* TXT reached, CAA in a relevant set */
	bool		followed;		/* CNAME on a completed lookup */
	int			failed;			/* CNAME on a failed lookup: a cname_fail */
} rec;

/* The records at one owner name, counted once. */
typedef struct group
{
	size_t		first;			/* in by_owner */
	size_t		n;
	size_t		n_cname;		/* CNAME records, read or not */
	struct rec *cname;			/* the one CNAME, when n_cname is 1 */
	size_t		n_txt;			/* TXT and CAA records, read or not */
	size_t		n_caa;
	bool		marked_txt;		/* a lookup has found its TXT records */
	bool		marked_caa;
	bool		marked_two;		/* its CNAME records marked CNAME_TWO */
} group;

typedef struct dns_state
{
	rec		   *recs;
	rec		  **by_owner;		/* sorted by owner, stable */
	size_t		n;
	const dcv_alloc *a;
} dns_state;

static char *
copy_cstr(const dcv_alloc *a, const char *s)
{
	return dcv_strndup(a, s, strlen(s));
}

static char *
aprintf(const dcv_alloc *a, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

static char *
aprintf(const dcv_alloc *a, const char *fmt,...)
{
	va_list		ap;
	int			n;
	char	   *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p = a->fn(a->ctx, (size_t) n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t) n + 1, fmt, ap);
	va_end(ap);
	return p;
}

static int
cmp_owner(const void *x, const void *y)
{
	return strcmp(((const rec *) x)->owner, ((const rec *) y)->owner);
}

/* The first record (in by_owner) whose owner is name, or n. */
static size_t
first_at(const dns_state *st, const char *name)
{
	size_t		lo = 0,
				hi = st->n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (strcmp(st->by_owner[mid]->owner, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The records at name, or NULL. */
static group *
group_at(const dns_state *st, const char *name)
{
	size_t		i = first_at(st, name);

	if (i < st->n && strcmp(st->by_owner[i]->owner, name) == 0)
		return st->by_owner[i]->grp;
	return NULL;
}

/* Whether a CNAME record is at name. */
static bool
has_cname(const dns_state *st, const char *name)
{
	group	   *g = group_at(st, name);

	return g != NULL && g->n_cname > 0;
}

/* Whether a record takes part in lookups of its type (read, or its RDATA not). */
static bool
in_lookups(const rec *r, unsigned type)
{
	return (r->parsed || r->broken) && r->rr.type == type;
}

/* Groups the sorted records by owner. */
static void
make_groups(dns_state *st)
{
	group	   *groups = st->a->fn(st->a->ctx, (st->n ? st->n : 1) * sizeof(group));
	size_t		ng = 0;

	for (size_t i = 0; i < st->n;)
	{
		group	   *g = &groups[ng++];
		size_t		j = i;

		memset(g, 0, sizeof(*g));
		g->first = i;
		for (; j < st->n && strcmp(st->by_owner[j]->owner, st->by_owner[i]->owner) == 0; j++)
		{
			rec		   *r = st->by_owner[j];

			dcv_tick(st->a, j);
			r->grp = g;
			if (in_lookups(r, DCV_RR_CNAME))
			{
				g->n_cname++;
				g->cname = r;
			}
			g->n_txt += in_lookups(r, DCV_RR_TXT);
			g->n_caa += in_lookups(r, DCV_RR_CAA);
		}
		g->n = j - i;
		i = j;
	}
}

/*
 * The name a lookup of name ends at, following aliases within the records
 * (at most MAX_LINKS of them), or NULL when the aliases loop, go on too
 * long, or a name has two.  The CNAME records passed are marked.
 */
static const char *
resolve(dns_state *st, const char *name)
{
	rec		   *chain[MAX_LINKS + 1];
	const char *seen[MAX_LINKS + 2];
	size_t		k = 0;
	const char *cur = name;
	int			fail = CNAME_OK;

	seen[0] = name;
	for (;;)
	{
		group	   *g = group_at(st, cur);
		rec		   *alias;

		if (g == NULL || g->n_cname == 0)
			break;
		if (g->n_cname > 1)
		{
			if (!g->marked_two)
				for (size_t j = g->first; j < g->first + g->n; j++)
					if (in_lookups(st->by_owner[j], DCV_RR_CNAME))
						st->by_owner[j]->failed = CNAME_TWO;
			g->marked_two = true;
			fail = CNAME_TWO;
			break;
		}
		alias = g->cname;
		if (alias->broken)
		{
			/* an alias whose target could not be read answers nothing */
			fail = CNAME_TO_BROKEN;
			break;
		}
		chain[k++] = alias;
		for (size_t j = 0; j <= k - 1 && fail == CNAME_OK; j++)
			if (strcmp(seen[j], alias->target) == 0)
				fail = CNAME_LOOP;
		if (fail == CNAME_OK && k == MAX_LINKS && has_cname(st, alias->target))
		{
			group	   *next = group_at(st, alias->target);

			fail = CNAME_TOO_LONG;
			/* the alias that would be the next link is not followed either */
			if (next->n_cname == 1 && next->cname->failed == CNAME_OK)
				next->cname->failed = CNAME_TOO_LONG;
		}
		if (fail != CNAME_OK)
			break;
		cur = alias->target;
		seen[k] = cur;
	}
	for (size_t j = 0; j < k; j++)
	{
		if (fail == CNAME_OK)
			chain[j]->followed = true;
		else if (chain[j]->failed == CNAME_OK)
			chain[j]->failed = fail == CNAME_TWO ? CNAME_TO_TWO : fail;
	}
	return fail == CNAME_OK ? cur : NULL;
}

/* Marks the records of a type a lookup of name finds; returns how many. */
static size_t
mark_found(dns_state *st, const char *name, unsigned type, bool *failed)
{
	const char *at = resolve(st, name);
	group	   *g;
	bool	   *marked;

	*failed = at == NULL;
	if (at == NULL || (g = group_at(st, at)) == NULL)
		return 0;
	/*
	 * The records of the type there, those whose RDATA could not be read
	 * included: a CAA record that cannot be read still makes the set
	 * non-empty, so that no set higher up decides instead.
	 */
	marked = type == DCV_RR_TXT ? &g->marked_txt : &g->marked_caa;
	if (!*marked)
		for (size_t j = g->first; j < g->first + g->n; j++)
			if (st->by_owner[j]->parsed && st->by_owner[j]->rr.type == type)
				st->by_owner[j]->used = true;
	*marked = true;
	return type == DCV_RR_TXT ? g->n_txt : g->n_caa;
}

/* Whether name is the domain or a parent of it (label boundaries). */
static bool
on_the_climb(const dcv_domain *dom, const char *name)
{
	size_t		n = strlen(dom->name),
				l = strlen(name);

	return l > 0 && l <= n && strcmp(dom->name + (n - l), name) == 0 &&
		(l == n || dom->name[n - l - 1] == '.');
}

/* Why a value gives no contact, or NULL with the contact in *email. */
static const char *
value_problem(const dns_state *st, const dcv_str *v, const char **email)
{
	char		buf[DCV_EMAIL_BUF];
	size_t		len;
	dcv_error	err;

	*email = NULL;
	if (dcv_normalize_email_exact(v->ptr, v->len, buf, &len, &err) != DCV_OK)
		return aprintf(st->a, "the value is not a usable address: %s", err.detail);
	*email = copy_cstr(st->a, buf);
	return NULL;
}

/* Whether s is word, ASCII case-insensitively. */
static bool
same_word(const dcv_str *s, const char *word)
{
	size_t		n = strlen(word);

	if (s->len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (dcv_lower((unsigned char) s->ptr[i]) != word[i])
			return false;
	return true;
}

static const char *
cname_problem(const rec *r)
{
	if (r->followed)
		return NULL;
	switch (r->failed)
	{
		case CNAME_LOOP:
			return "the alias is part of a loop of CNAME records, and a loop answers nothing";
		case CNAME_TOO_LONG:
			return "the chain of aliases is longer than 8 CNAME records, and is not followed further";
		case CNAME_TWO:
			return "the name has more than one CNAME record, and a lookup of it answers nothing";
		case CNAME_TO_TWO:
			return "the chain of aliases leads to a name with more than one CNAME record, which answers nothing";
		case CNAME_TO_BROKEN:
			return "the chain of aliases leads to a CNAME record that does not parse, which answers nothing";
	}
	return "no lookup for the order passes through this alias";
}

static const char *
row_problem(dns_state *st, const dcv_domain *dom, rec *r, const char **email)
{
	*email = NULL;
	if (!r->parsed)
		return r->problem;
	switch (r->rr.type)
	{
		case DCV_RR_CNAME:
			return cname_problem(r);
		case DCV_RR_TXT:
		case DCV_RR_CAA:
			break;
		default:
			return aprintf(st->a, "type %s is not read: contacts are published in TXT and CAA records",
						   r->rr.type_name);
	}
	if (!r->used)
	{
		if (r->grp->n_cname > 0)
			return aprintf(st->a, "the owner %s has a CNAME record, so a lookup of it follows the alias and finds no other record there",
						   r->owner);
		if (r->rr.type == DCV_RR_TXT)
		{
			if (strncmp(r->owner, TXT_PREFIX, TXT_PREFIX_LEN) == 0)
				return strcmp(dom->name, dom->base) == 0
					? aprintf(st->a, "the owner %s is not at the Authorization Domain Name of the order (%s), nor the target of an alias of it",
							  r->owner, dom->name)
					: aprintf(st->a, "the owner %s is not at an Authorization Domain Name of the order (%s and its parents down to %s), nor the target of an alias of one",
							  r->owner, dom->name, dom->base);
			return aprintf(st->a, "a TXT contact is published at " TXT_PREFIX "<domain>, and the owner %s is not such a name, nor the target of an alias of one",
						   r->owner);
		}
		if (on_the_climb(dom, r->owner))
			return aprintf(st->a, "outside the relevant CAA set: for each name of the order only the CAA records of the nearest name that has any count (RFC 8659 section 3), and %s is not that name",
						   r->owner);
		return aprintf(st->a, "the owner %s is neither a name of the order, a parent of one, nor the target of an alias of one",
					   r->owner);
	}
	if (r->rr.type == DCV_RR_TXT)
	{
		if (r->rr.n_strings != 1)
			return aprintf(st->a, "the record has %zu character-strings; a contact is exactly one, with no other structure",
						   r->rr.n_strings);
		return value_problem(st, &r->rr.strings[0], email);
	}
	{
		const dcv_str *tag = &r->rr.caa_tag;

		if (!same_word(tag, "contactemail"))
			return aprintf(st->a, "in the relevant CAA set, but its property is \"%.*s\", not contactemail",
						   (int) (tag->len > 40 ? 40 : tag->len), tag->ptr);
		return value_problem(st, &r->rr.caa_value, email);
	}
}

/* The contact a record reached by a lookup gives, without the reasons why not. */
static const char *
row_email(const dns_state *st, const rec *r)
{
	char		buf[DCV_EMAIL_BUF];
	size_t		len;
	const dcv_str *v;

	if (!r->parsed || !r->used)
		return NULL;
	if (r->rr.type == DCV_RR_TXT)
	{
		if (r->rr.n_strings != 1)
			return NULL;
		v = &r->rr.strings[0];
	}
	else if (r->rr.type == DCV_RR_CAA && same_word(&r->rr.caa_tag, "contactemail"))
		v = &r->rr.caa_value;
	else
		return NULL;
	if (dcv_normalize_email_exact(v->ptr, v->len, buf, &len, NULL) != DCV_OK)
		return NULL;
	return copy_cstr(st->a, buf);
}

/*
 * The work of dcv_dns_contacts; with explain false, rows get no problem (a
 * decision needs only the contacts).
 */
static void
contacts(const dcv_domain *dom, const dcv_str *records, size_t n,
		 const dcv_alloc *a, bool explain, dcv_dns_result *out)
{
	dns_state	st;
	token	   *tokbuf = NULL;
	size_t		tokcap = 0;
	const char *level[DCV_DOMAIN_BUF / 2 + 1];
	char		climb[DCV_DOMAIN_BUF / 2 + 1];
	int			nlevels;
	dcv_rr	   *tmp = a->fn(a->ctx, sizeof(dcv_rr));
	char		name[DCV_DOMAIN_BUF + TXT_PREFIX_LEN];

	memset(out, 0, sizeof(*out));
	st.a = a;
	st.n = n;
	st.recs = a->fn(a->ctx, (n ? n : 1) * sizeof(rec));
	st.by_owner = a->fn(a->ctx, (n ? n : 1) * sizeof(rec *));
	for (size_t i = 0; i < n; i++)
	{
		rec		   *r = &st.recs[i];
		dcv_error	err;

		dcv_tick(a, i);
		memset(r, 0, sizeof(*r));
		r->index = i;
		r->owner = "";
		r->target = "";
		st.by_owner[i] = r;
		if (records[i].ptr == NULL)
		{
			r->problem = "the element is NULL";
			continue;
		}
		if (rr_parse(records[i].ptr, records[i].len, a, tmp, explain ? &err : NULL,
					 &tokbuf, &tokcap) != DCV_OK)
		{
			r->problem = explain ? aprintf(a, "the record does not parse: %s", err.detail) : NULL;
			/* still a record of its type at its owner, for the lookups */
			if (tmp->typed && (tmp->type == DCV_RR_TXT || tmp->type == DCV_RR_CAA ||
							   tmp->type == DCV_RR_CNAME))
			{
				r->broken = true;
				r->rr.type = tmp->type;
				r->owner = copy_cstr(a, tmp->owner);
			}
			continue;
		}
		r->parsed = true;
		r->rr.type = tmp->type;
		memcpy(r->rr.type_name, tmp->type_name, sizeof(r->rr.type_name));
		r->rr.strings = tmp->strings;
		r->rr.n_strings = tmp->n_strings;
		r->rr.caa_tag = tmp->caa_tag;
		r->rr.caa_value = tmp->caa_value;
		r->owner = copy_cstr(a, tmp->owner);
		r->target = copy_cstr(a, tmp->target);
	}
	dcv_sort((void **) st.by_owner, n, cmp_owner, a);
	make_groups(&st);

	/*
	 * The name and its parents, the top-level domain last: level i is the
	 * i-th of them.  What the CAA lookup of a level found is kept (unknown,
	 * nothing, or a set or a failure that ends a climb), so that each level
	 * is looked up once, whichever names climb through it.
	 */
	nlevels = 0;
	for (const char *x = dom->name; x != NULL; x = strchr(x, '.'), x = x ? x + 1 : NULL)
		level[nlevels++] = x;
	memset(climb, 0, sizeof(climb));

	/* Each Authorization Domain Name: the name, then its parents to the base. */
	for (int i = 0; i < nlevels; i++)
	{
		const char *d = level[i];
		bool		failed;

		/* TXT at _validation-contactemail.<ADN> */
		snprintf(name, sizeof(name), "%s%s", TXT_PREFIX, d);
		mark_found(&st, name, DCV_RR_TXT, &failed);

		/* CAA: the relevant set, climbing to the top-level domain */
		for (int j = i; j < nlevels; j++)
		{
			if (climb[j] == CLIMB_UNKNOWN)
				climb[j] = (mark_found(&st, level[j], DCV_RR_CAA, &failed) > 0 || failed)
					? CLIMB_ENDS : CLIMB_ON;
			if (climb[j] == CLIMB_ENDS)
				break;
		}
		if (strcmp(d, dom->base) == 0)
			break;
	}

	out->rows = a->fn(a->ctx, (n ? n : 1) * sizeof(dcv_dns_row));
	out->n = n;
	out->txt = a->fn(a->ctx, (n ? n : 1) * sizeof(char *));
	out->caa = a->fn(a->ctx, (n ? n : 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++)
	{
		rec		   *r = &st.recs[i];
		dcv_dns_row *row = &out->rows[i];

		dcv_tick(a, i);
		row->parsed = r->parsed;
		row->type = (r->parsed || r->broken) ? r->rr.type : 0;
		row->owner = (r->parsed || r->broken) ? r->owner : NULL;
		if (explain)
			row->problem = row_problem(&st, dom, r, &row->email);
		else
		{
			row->email = row_email(&st, r);
			row->problem = NULL;
		}
		if (row->email && r->rr.type == DCV_RR_TXT)
			out->txt[out->n_txt++] = row->email;
		else if (row->email)
			out->caa[out->n_caa++] = row->email;
	}
	out->n_txt = dcv_sort_unique(out->txt, out->n_txt, a);
	out->n_caa = dcv_sort_unique(out->caa, out->n_caa, a);
}

void
dcv_dns_contacts(const dcv_domain *dom, const dcv_str *records, size_t n,
				 const dcv_alloc *a, dcv_dns_result *out)
{
	contacts(dom, records, n, a, true, out);
}

void
dcv_dns_contacts_only(const dcv_domain *dom, const dcv_str *records, size_t n,
					  const dcv_alloc *a, dcv_dns_result *out)
{
	contacts(dom, records, n, a, false, out);
}

bool
dcv_dns_has_contact(const dcv_dns_result *r, const char *email)
{
	return r != NULL && (dcv_in_sorted(r->txt, r->n_txt, email) || dcv_in_sorted(r->caa, r->n_caa, email));
}
