/*
 * domain.c
 *		Normal form of a domain name (UTS#46 non-transitional, through
 *		libidn2, with a fast path for ASCII and fullwidth ASCII) and its base
 *		domain (ICANN section of the Public Suffix List, see psl.c).
 */
#include "dcv_core.h"
#include "util.h"

#include <idn2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * No rule of the ICANN section has more than 4 labels (test/unit checks this
 * against the installed list), and libpsl only calls a name a public suffix
 * when the name itself or its parent is a rule.  So a suffix of more than 5
 * labels is never a public suffix and the walk can start 5 labels from the
 * end.  One label of margin.
 */
#define DCV_PSL_MAX_LABELS 6

/* How often domain names went to libidn2 (for tests of the fast paths). */
static unsigned long idn2_calls;

unsigned long
dcv_idn2_calls(void)
{
	return idn2_calls;
}


/*
 * UTS#46 maps U+FF01..U+FF5E (fullwidth ASCII) to ASCII and U+3002,
 * U+FF0E, U+FF61 to ".".  When nothing else outside ASCII occurs and no label
 * is an A-label, the mapping is folding these and lowercasing: no need for
 * libidn2.  Returns false when the input needs the library.
 */
static bool
fold_fast(const unsigned char *in, size_t len, char *out, size_t *outlen)
{
	size_t		i = 0,
				o = 0;

	while (i < len)
	{
		unsigned char c = in[i];

		if (c < 0x80)
		{
			out[o++] = dcv_lower(c);
			i++;
		}
		else if (c == 0xEF && i + 2 < len &&
				 ((in[i + 1] == 0xBC && in[i + 2] >= 0x81 && in[i + 2] <= 0xBF) ||
				  (in[i + 1] == 0xBD && in[i + 2] >= 0x80 && in[i + 2] <= 0x9E)))
		{
			/* U+FF01..U+FF5E -> U+0021..U+007E */
			unsigned	cp = ((in[i + 1] & 0x3F) << 6 | (in[i + 2] & 0x3F)) + 0xF000;

			out[o++] = dcv_lower((unsigned char) (cp - 0xFF01 + 0x21));
			i += 3;
		}
		else if (c == 0xEF && i + 2 < len && in[i + 1] == 0xBD && in[i + 2] == 0xA1)
		{
			out[o++] = '.';		/* U+FF61 halfwidth ideographic full stop */
			i += 3;
		}
		else if (c == 0xE3 && i + 2 < len && in[i + 1] == 0x80 && in[i + 2] == 0x82)
		{
			out[o++] = '.';		/* U+3002 ideographic full stop */
			i += 3;
		}
		else
			return false;
	}
	out[o] = '\0';
	*outlen = o;
	return true;
}

static bool
has_alabel(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		if (len - i >= 4 && memcmp(s + i, "xn--", 4) == 0)
			return true;
		while (i < len && s[i] != '.')
			i++;
		i++;
	}
	return false;
}

/*
 * libidn2 refused the name: name the A-label at fault when there is one,
 * else give the library's reason.
 */
static dcv_status
idn2_failure(const char *buf, size_t len, int rc, dcv_error *err)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		end = i;

		while (end < len && buf[end] != '.')
			end++;
		if (end - i >= 4 && end - i <= DCV_LABEL_MAX && memcmp(buf + i, "xn--", 4) == 0)
		{
			char		label[DCV_LABEL_MAX + 1],
						converted[DCV_DOMAIN_BUF];
			size_t		n;
			int			lrc;

			memcpy(label, buf + i, end - i);
			label[end - i] = '\0';
			lrc = dcv_idn2_ascii(label, converted, sizeof(converted), &n);
			if (lrc != IDN2_OK && lrc != -1)
			{
				char		q[DCV_LABEL_MAX * 4 + 8];

				dcv_quote(q, sizeof(q), label, end - i);
				return dcv_fail(err, DCV_ERR_DOMAIN, "label %s is not a valid A-label: %s",
								q, idn2_strerror(lrc));
			}
		}
		i = end + 1;
	}
	return dcv_fail(err, DCV_ERR_DOMAIN, "UTS#46 processing failed: %s", idn2_strerror(rc));
}

/*
 * UTS#46 mapping and conversion to A-labels by libidn2, into out (at most
 * outsize - 1 bytes).  The input is ASCII-lowercased first (mapping commutes
 * with that).
 */
static dcv_status
map_with_idn2(const char *in, size_t len, char *out, size_t outsize,
			  size_t *outlen, dcv_error *err)
{
	char		buf[DCV_INPUT_MAX + 1];
	int			rc;
	size_t		n;

	for (size_t i = 0; i < len; i++)
		buf[i] = dcv_lower((unsigned char) in[i]);
	buf[len] = '\0';

	idn2_calls++;
	/* libidn2 leaves ASCII labels as they are: the helper lowercases them. */
	rc = dcv_idn2_ascii(buf, out, outsize, &n);
	if (rc == -1)
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"the name is %zu octets long in A-label form; at most %d are allowed",
						n, DCV_DOMAIN_MAX);
	if (rc != IDN2_OK)
		return idn2_failure(buf, len, rc, err);
	*outlen = n;
	return DCV_OK;
}

/*
 * The checks on a mapped name that libidn2 does not make on ASCII labels:
 * LDH, label and name lengths, hyphens, the wildcard, the numeric last label.
 * s is ASCII, len bytes; writes the normal form to out.
 */
static dcv_status
check_mapped(const char *s, size_t len, bool allow_wildcard, char *out,
			 bool *wildcard, dcv_error *err)
{
	size_t		start = 0;
	size_t		last_start = 0;
	bool		wc = false;

	if (len > 0 && s[len - 1] == '.')
		len--;
	if (len == 0)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the name is empty");
	if (len > DCV_DOMAIN_MAX)
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"the name is %zu octets long; at most %d are allowed",
						len, DCV_DOMAIN_MAX);

	while (start <= len)
	{
		size_t		end = start;
		size_t		llen;
		const char *l = s + start;
		char		q[DCV_LABEL_MAX * 4 + 8];

		while (end < len && s[end] != '.')
			end++;
		llen = end - start;
		if (llen == 0)
			return dcv_fail(err, DCV_ERR_DOMAIN, "the name has an empty label");
#define QUOTE_LABEL() dcv_quote(q, sizeof(q), l, llen > 64 ? 64 : llen)
		if (llen > DCV_LABEL_MAX && (QUOTE_LABEL(), true))
			return dcv_fail(err, DCV_ERR_DOMAIN,
							"label %s... is %zu octets long; at most %d are allowed",
							q, llen, DCV_LABEL_MAX);
		if (llen == 1 && l[0] == '*' && start == 0)
		{
			if (!allow_wildcard)
				return dcv_fail(err, DCV_ERR_DOMAIN, "a wildcard is not allowed here");
			if (end == len)
				return dcv_fail(err, DCV_ERR_DOMAIN,
								"a wildcard needs a domain name after \"*.\"");
			wc = true;
		}
		else
		{
			for (size_t i = 0; i < llen; i++)
			{
				unsigned char c = (unsigned char) l[i];

				if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
				{
					char		cq[16];

					QUOTE_LABEL();
					dcv_quote(cq, sizeof(cq), l + i, 1);
					if (c == '*')
						return dcv_fail(err, DCV_ERR_DOMAIN,
										"\"*\" is allowed only as the whole first label");
					return dcv_fail(err, DCV_ERR_DOMAIN,
									"label %s contains %s; only letters, digits and hyphens are allowed",
									q, cq);
				}
			}
			if (l[0] == '-' && (QUOTE_LABEL(), true))
				return dcv_fail(err, DCV_ERR_DOMAIN, "label %s begins with a hyphen", q);
			if (l[llen - 1] == '-' && (QUOTE_LABEL(), true))
				return dcv_fail(err, DCV_ERR_DOMAIN, "label %s ends with a hyphen", q);
			if (llen >= 4 && l[2] == '-' && l[3] == '-' && !(l[0] == 'x' && l[1] == 'n') &&
				(QUOTE_LABEL(), true))
				return dcv_fail(err, DCV_ERR_DOMAIN,
								"label %s has \"--\" in the third and fourth positions, which IDNA2008 reserves",
								q);
		}
#undef QUOTE_LABEL
		last_start = start;
		start = end + 1;
	}

	{
		bool		digits = true;

		for (size_t i = last_start; i < len; i++)
			if (s[i] < '0' || s[i] > '9')
				digits = false;
		if (digits)
			return dcv_fail(err, DCV_ERR_DOMAIN,
							"the last label is all digits, so the name reads as an IPv4 address");
	}

	memcpy(out, s, len);
	out[len] = '\0';
	*wildcard = wc;
	return DCV_OK;
}

/*
 * Japanese labels, label by label.
 *
 * Order data repeats the same Japanese labels (例え, 東京, 株式会社 ...) in
 * many names.  For labels whose characters are all ASCII, fullwidth ASCII,
 * kana or kanji, UTS#46 processing of the whole name is the processing of
 * each label on its own: none of these characters maps to a dot or combines
 * across a dot, none is right-to-left (so no cross-label Bidi rule applies),
 * and the contextual rules (katakana middle dot) look inside the label only.
 * So such a label is converted once by libidn2 and remembered; so is an
 * A-label (libidn2 2.3.3 checks the Bidi rule inside each label only, never
 * across labels).  A name with any other character, or a label libidn2
 * refuses, goes through the whole-name path, which also writes the error.
 */
static dcv_memo_slot label_slots[4096];
static dcv_memo label_memo = {label_slots, 4096};

/* Length of the separator at s (".", U+3002, U+FF0E, U+FF61), or 0. */
static size_t
separator_len(const unsigned char *s, size_t left)
{
	if (s[0] == '.')
		return 1;
	if (left >= 3 && ((s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x82) ||
					  (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8E) ||
					  (s[0] == 0xEF && s[1] == 0xBD && s[2] == 0xA1)))
		return 3;
	return 0;
}

/* Whether every character of the (valid UTF-8) label is in the set above. */
static bool
japanese_label(const unsigned char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		unsigned	cp;

		if (s[i] < 0x80)
		{
			i++;
			continue;
		}
		if ((s[i] & 0xF0) != 0xE0)
			return false;		/* 2- and 4-byte sequences: other scripts */
		cp = ((s[i] & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
		if (!((cp >= 0x3041 && cp <= 0x3096) ||	/* hiragana */
			  (cp >= 0x3099 && cp <= 0x309E) ||	/* voicing and iteration marks */
			  (cp >= 0x30A1 && cp <= 0x30FE) ||	/* katakana, middle dot, long vowel */
			  (cp >= 0x3005 && cp <= 0x3007) ||	/* 々 〆 〇 */
			  (cp >= 0x3400 && cp <= 0x4DBF) ||	/* kanji, extension A */
			  (cp >= 0x4E00 && cp <= 0x9FFF) ||	/* kanji */
			  (cp >= 0xFF01 && cp <= 0xFF5E) ||	/* fullwidth ASCII */
			  (cp >= 0xFF66 && cp <= 0xFF9F)))	/* halfwidth katakana */
			return false;
		i += 3;
	}
	return true;
}

/* One label through the memo and libidn2; false if libidn2 refuses it. */
static bool
label_to_ascii(const char *s, size_t len, char *out, size_t *outlen)
{
	char		buf[DCV_INPUT_MAX + 1];
	size_t		n;

	if (dcv_memo_get(&label_memo, s, len, out, outlen))
		return true;
	for (size_t i = 0; i < len; i++)
		buf[i] = dcv_lower((unsigned char) s[i]);
	buf[len] = '\0';
	idn2_calls++;
	if (dcv_idn2_ascii(buf, out, DCV_LABEL_MAX + 1, &n) != IDN2_OK ||
		memchr(out, '.', n) != NULL)
		return false;
	*outlen = n;
	dcv_memo_put(&label_memo, s, len, out, n);
	return true;
}

/*
 * Kana and kanji without libidn2.
 *
 * A label of ASCII letters, digits and hyphens, fullwidth forms of them,
 * hiragana (U+3041..U+3096), katakana (U+30A1..U+30FA), the long vowel mark
 * U+30FC and CJK ideographs (U+4E00..U+9FFF) is what the order data holds
 * most.  For such a label UTS#46 changes nothing but the ASCII case and the
 * fullwidth forms: none of these characters has another mapping once it is
 * valid, none composes with another under NFC (no combining mark is in the
 * set), none is right-to-left or contextual.  So the A-label is "xn--" and
 * the Punycode (RFC 3492) of the code points, as long as every character is
 * valid in the installed libidn2 and the hyphen rules hold.  Whether a
 * character is valid is asked of libidn2 once per character and remembered:
 * it must turn the character alone into exactly the A-label computed here.
 */
#define CP_FIRST 0x3000
#define CP_LAST 0x9FFF

static uint8_t cp_known[(CP_LAST - CP_FIRST + 1) / 8 + 1];	/* asked already */
static uint8_t cp_valid[(CP_LAST - CP_FIRST + 1) / 8 + 1];	/* and libidn2 agreed */

static char
puny_digit(unsigned d)
{
	return (char) (d < 26 ? 'a' + d : '0' + d - 26);
}

static unsigned
puny_adapt(unsigned delta, unsigned numpoints, bool first)
{
	unsigned	k = 0;

	delta = first ? delta / 700 : delta / 2;
	delta += delta / numpoints;
	while (delta > ((36 - 1) * 26) / 2)
	{
		delta /= 36 - 1;
		k += 36;
	}
	return k + (36 - 1 + 1) * delta / (delta + 38);
}

/* "xn--" and the Punycode of cp[0..n-1] into out; false if it does not fit. */
static bool
punycode(const uint32_t *cp, size_t n, char *out, size_t outsize, size_t *outlen)
{
	size_t		o = 0,
				b = 0,
				h;
	uint32_t	next = 128;
	unsigned	delta = 0,
				bias = 72;

	if (outsize < 5)
		return false;
	memcpy(out, "xn--", 4);
	o = 4;
	for (size_t i = 0; i < n; i++)
		if (cp[i] < 128)
		{
			if (o + 1 >= outsize)
				return false;
			out[o++] = (char) cp[i];
			b++;
		}
	if (b > 0)
	{
		if (o + 1 >= outsize)
			return false;
		out[o++] = '-';
	}
	for (h = b; h < n;)
	{
		uint32_t	m = UINT32_MAX;

		for (size_t i = 0; i < n; i++)
			if (cp[i] >= next && cp[i] < m)
				m = cp[i];
		/* at most 63 code points below U+A000: no overflow */
		delta += (m - next) * (unsigned) (h + 1);
		next = m;
		for (size_t i = 0; i < n; i++)
		{
			if (cp[i] < next)
				delta++;
			if (cp[i] == next)
			{
				unsigned	q = delta;

				for (unsigned k = 36;; k += 36)
				{
					unsigned	t = k <= bias ? 1 : (k >= bias + 26 ? 26 : k - bias);

					if (q < t)
						break;
					if (o + 1 >= outsize)
						return false;
					out[o++] = puny_digit(t + (q - t) % (36 - t));
					q = (q - t) / (36 - t);
				}
				if (o + 1 >= outsize)
					return false;
				out[o++] = puny_digit(q);
				bias = puny_adapt(delta, (unsigned) (h + 1), h == b);
				delta = 0;
				h++;
			}
		}
		delta++;
		next++;
	}
	out[o] = '\0';
	*outlen = o;
	return true;
}

static bool
in_simple_set(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		(c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC ||
		(c >= 0x4E00 && c <= 0x9FFF);
}

/* Whether libidn2 turns the character alone into our A-label (asked once). */
static bool
valid_cp(uint32_t c)
{
	size_t		bit = c - CP_FIRST;
	char		utf8[4],
				mine[16],
				theirs[16];
	size_t		n,
				m;
	bool		ok;

	if (c < 128)
		return true;
	if (cp_known[bit / 8] & (1 << (bit % 8)))
		return (cp_valid[bit / 8] >> (bit % 8)) & 1;
	utf8[0] = (char) (0xE0 | (c >> 12));
	utf8[1] = (char) (0x80 | ((c >> 6) & 0x3F));
	utf8[2] = (char) (0x80 | (c & 0x3F));
	utf8[3] = '\0';
	idn2_calls++;
	ok = punycode(&c, 1, mine, sizeof(mine), &n) &&
		dcv_idn2_ascii(utf8, theirs, sizeof(theirs), &m) == IDN2_OK &&
		strcmp(theirs, mine) == 0;
	cp_known[bit / 8] |= (uint8_t) (1 << (bit % 8));
	if (ok)
		cp_valid[bit / 8] |= (uint8_t) (1 << (bit % 8));
	return ok;
}

/*
 * The A-label of a kana/kanji label (valid UTF-8) into out; false when the
 * label is not of that kind, breaks a hyphen rule, or is too long.
 */
static bool
simple_label(const unsigned char *s, size_t len, char *out, size_t *outlen)
{
	uint32_t	cp[DCV_LABEL_MAX + 1];
	size_t		n = 0;
	bool		wide = false;

	for (size_t i = 0; i < len;)
	{
		uint32_t	c;

		if (n > DCV_LABEL_MAX)
			return false;
		if (s[i] < 0x80)
			c = (uint32_t) (unsigned char) dcv_lower(s[i++]);
		else if ((s[i] & 0xF0) == 0xE0)
		{
			c = ((uint32_t) (s[i] & 0x0F) << 12) | ((uint32_t) (s[i + 1] & 0x3F) << 6) |
				(s[i + 2] & 0x3F);
			i += 3;
			if (c >= 0xFF01 && c <= 0xFF5E)
				c = (uint32_t) (unsigned char) dcv_lower((unsigned char) (c - 0xFF01 + 0x21));
		}
		else
			return false;
		if (!in_simple_set(c))
			return false;
		wide |= c >= 128;
		cp[n++] = c;
	}
	if (!wide || n == 0 || cp[0] == '-' || cp[n - 1] == '-' ||
		(n >= 4 && cp[2] == '-' && cp[3] == '-'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!valid_cp(cp[i]))
			return false;
	return punycode(cp, n, out, DCV_LABEL_MAX + 1, outlen);
}

/*
 * The whole name label by label, into out (outsize bytes); false when the
 * name must take the whole-name path.
 */
static bool
map_by_label(const char *in, size_t len, char *out, size_t outsize, size_t *outlen)
{
	const unsigned char *s = (const unsigned char *) in;
	size_t		i = 0,
				o = 0;

	for (;;)
	{
		size_t		start = i,
					sep = 0,
					n;

		while (i < len && (sep = separator_len(s + i, len - i)) == 0)
			i++;
		if (o + (i - start) * 4 + DCV_LABEL_MAX + 2 > outsize)
			return false;
		if (fold_fast(s + start, i - start, out + o, &n))
		{
			/* an A-label: validated by libidn2 once, then remembered */
			if (n >= 4 && memcmp(out + o, "xn--", 4) == 0)
			{
				char		alabel[DCV_INPUT_MAX + 1];

				memcpy(alabel, out + o, n);
				if (!label_to_ascii(alabel, n, out + o, &n))
					return false;
			}
		}
		else if (!simple_label(s + start, i - start, out + o, &n) &&
				 (!japanese_label(s + start, i - start) ||
				  !label_to_ascii(in + start, i - start, out + o, &n)))
			return false;
		o += n;
		if (i >= len)
			break;
		out[o++] = '.';
		i += sep;
	}
	out[o] = '\0';
	*outlen = o;
	return true;
}

static dcv_status
precheck(const char *in, size_t len, dcv_error *err)
{
	if (len > DCV_INPUT_MAX)
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"the input is %zu bytes long; at most %d are accepted",
						len, DCV_INPUT_MAX);
	return dcv_check_utf8(in, len, DCV_ERR_DOMAIN, err);
}

/*
 * The common case in one pass: an ASCII name of letters, digits, hyphens and
 * dots that passes every check of check_mapped (and holds no A-label), which
 * UTS#46 only lowercases.  Anything else returns false and takes the general
 * path, which also words the errors.
 */
static bool
ascii_name(const char *in, size_t len, bool allow_wildcard, char *out, bool *wildcard)
{
	size_t		n = len,
				start = 0,
				o = 0;
	bool		digits = true;

	*wildcard = false;
	if (n > 0 && in[n - 1] == '.')
		n--;
	if (n >= 2 && in[0] == '*' && in[1] == '.')
	{
		if (!allow_wildcard || n == 2)
			return false;
		out[0] = '*';
		out[1] = '.';
		start = o = 2;
		*wildcard = true;
	}
	if (n == 0 || n > DCV_DOMAIN_MAX)
		return false;
	for (size_t i = start;; i++)
	{
		if (i == n || in[i] == '.')
		{
			size_t		ll = i - start;

			if (ll == 0 || ll > DCV_LABEL_MAX || out[start] == '-' || out[i - 1] == '-' ||
				(ll >= 4 && out[start + 2] == '-' && out[start + 3] == '-'))
				return false;
			if (i == n)
				break;
			out[o++] = '.';
			start = i + 1;
			digits = true;
			continue;
		}
		else
		{
			unsigned char c = (unsigned char) in[i];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
				return false;
			digits &= c >= '0' && c <= '9';
			out[o++] = (char) c;
		}
	}
	if (digits)
		return false;			/* an IPv4 address, or like one */
	out[o] = '\0';
	return true;
}

static dcv_status
normalize(const char *in, size_t len, bool allow_wildcard, char *out,
		  bool *wildcard, bool fast, dcv_error *err)
{
	char		buf[DCV_INPUT_MAX + 1];
	char		labels[DCV_INPUT_MAX + 1];
	size_t		n;
	dcv_status	st;

	if ((st = precheck(in, len, err)) != DCV_OK)
		return st;

	/* no A-label there (ascii_name refuses "--" as 3rd and 4th): nothing for dcv_uts46_check */
	if (fast && ascii_name(in, len, allow_wildcard, out, wildcard))
		return DCV_OK;
	if (fast && fold_fast((const unsigned char *) in, len, buf, &n))
	{
		/* A-labels still need libidn2's validation. */
		if (has_alabel(buf, n))
		{
			if (map_by_label(in, len, labels, sizeof(labels), &n))
				memcpy(buf, labels, n + 1);
			else if ((st = map_with_idn2(buf, n, buf, sizeof(buf), &n, err)) != DCV_OK)
				return st;
		}
	}
	else if (fast && map_by_label(in, len, labels, sizeof(labels), &n))
		memcpy(buf, labels, n + 1);
	else if ((st = map_with_idn2(in, len, buf, sizeof(buf), &n, err)) != DCV_OK)
		return st;

	if ((st = check_mapped(buf, n, allow_wildcard, out, wildcard, err)) != DCV_OK)
		return st;
	/* on the output, so that no path (and no memoized label) skips it */
	return dcv_uts46_check(out, strlen(out), err);
}

dcv_status
dcv_normalize_domain(const char *in, size_t len, bool allow_wildcard,
					 char *out, bool *wildcard, dcv_error *err)
{
	return normalize(in, len, allow_wildcard, out, wildcard, true, err);
}

dcv_status
dcv_normalize_domain_slow(const char *in, size_t len, bool allow_wildcard,
						  char *out, bool *wildcard, dcv_error *err)
{
	return normalize(in, len, allow_wildcard, out, wildcard, false, err);
}

/* ---------------------------------------------------------------- */

static dcv_status
base_domain(const char *name, char *out, bool fast, dcv_error *err)
{
	size_t		starts[DCV_DOMAIN_BUF / 2 + 1];
	size_t		nlabels = 0;
	size_t		len = strlen(name);
	size_t		ps;
	int			k;

	if (len == 0 || len > DCV_DOMAIN_MAX)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the name is empty or too long");
	starts[nlabels++] = 0;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '.')
			starts[nlabels++] = i + 1;

	/* ps: the first label of the public suffix */
	k = fast ? dcv_psl_suffix_labels(name, len) : -1;
	if (k > 0)
		ps = nlabels - (size_t) k;
	else
	{
		/* libpsl, the longest suffix first (see DCV_PSL_MAX_LABELS) */
		size_t		first = (fast && nlabels > DCV_PSL_MAX_LABELS) ? nlabels - DCV_PSL_MAX_LABELS : 0;

		for (ps = first; ps < nlabels && !dcv_psl_is_suffix_lib(name + starts[ps]); ps++)
			;
	}
	/* libpsl's implicit "*" rule makes every top-level label a suffix. */
	if (ps >= nlabels)
		return dcv_fail(err, DCV_ERR_INTERNAL, "no public suffix found for the name");
	if (ps == 0)
	{
		char		q[DCV_DOMAIN_BUF + 8];

		dcv_quote(q, sizeof(q), name, len > 200 ? 200 : len);
		return dcv_fail(err, DCV_ERR_PUBLIC_SUFFIX,
						"%s is a public suffix in the ICANN section of the Public Suffix List, so it has no base domain",
						q);
	}
	memcpy(out, name + starts[ps - 1], len - starts[ps - 1] + 1);
	return DCV_OK;
}

dcv_status
dcv_base_domain(const char *name, char *out, dcv_error *err)
{
	return base_domain(name, out, true, err);
}

dcv_status
dcv_base_domain_slow(const char *name, char *out, dcv_error *err)
{
	return base_domain(name, out, false, err);
}

dcv_status
dcv_domain_analyze(const char *in, size_t len, dcv_domain *out, dcv_error *err)
{
	dcv_status	st;

	st = dcv_normalize_domain(in, len, true, out->name, &out->wildcard, err);
	if (st != DCV_OK)
		return st;
	if (out->wildcard)
		memmove(out->name, out->name + 2, strlen(out->name + 2) + 1);
	return dcv_base_domain(out->name, out->base, err);
}
