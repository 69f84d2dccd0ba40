/*
 * labels.c
 *		The Japanese-label path of domain normalization: labels of ASCII,
 *		fullwidth ASCII, kana and kanji converted label by label, each
 *		remembered, with an own Punycode encoder checked against libidn2 one
 *		code point at a time.
 */
#include "dcv_core.h"
#include "util.h"

#include <idn2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
	dcv_idn2_count++;
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

/* "xn--" and the Punycode of cp[0..n-1] into out; false if it does not fit. */
static bool
punycode(const uint32_t *cp, size_t n, char *out, size_t outsize, size_t *outlen)
{
	size_t		o = 0,
				b = 0,
				h;
	uint32_t	next = DCV_PUNY_INITIAL_N;
	unsigned	delta = 0,
				bias = DCV_PUNY_INITIAL_BIAS;

	if (outsize < 5)
		return false;
	memcpy(out, "xn--", 4);
	o = 4;
	for (size_t i = 0; i < n; i++)
		if (cp[i] < DCV_PUNY_INITIAL_N)
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

				for (unsigned k = DCV_PUNY_BASE;; k += DCV_PUNY_BASE)
				{
					unsigned	t = k <= bias ? DCV_PUNY_TMIN :
						(k >= bias + DCV_PUNY_TMAX ? DCV_PUNY_TMAX : k - bias);

					if (q < t)
						break;
					if (o + 1 >= outsize)
						return false;
					out[o++] = puny_digit(t + (q - t) % (DCV_PUNY_BASE - t));
					q = (q - t) / (DCV_PUNY_BASE - t);
				}
				if (o + 1 >= outsize)
					return false;
				out[o++] = puny_digit(q);
				bias = dcv_puny_adapt(delta, (uint32_t) (h + 1), h == b);
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
	dcv_idn2_count++;
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
bool
dcv_map_by_label(const char *in, size_t len, char *out, size_t outsize, size_t *outlen)
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
		if (dcv_fold_fast(s + start, i - start, out + o, &n))
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

