/*
 * uts46.c
 *		The checks of UTS#46 that libidn2 2.3.3 skips, made on the ASCII normal
 *		form of a name (see doc/rules.md, Which UTS#46).
 *
 * dcv follows UTS#46 as Unicode's conformance file IdnaTestV2.txt tests it,
 * with UseSTD3ASCIIRules and CheckBidi.  libidn2 2.3.3 is run without
 * IDN2_USE_STD3_ASCII_RULES (that flag silently deletes characters), so it
 * lets through the three non-ASCII code points STD3 rules forbid: U+2260,
 * U+226E and U+226F, whether precomposed, as "=", "<" or ">" followed by
 * U+0338 (NFC composes them) or inside an A-label.  And it applies the Bidi
 * rule of RFC 5893 label by label only, never rules 4 and 6, while UTS#46
 * applies all six rules to every label of a name that has a right-to-left
 * label.
 *
 * Both checks need the code points of the name.  By the time they run every
 * path of domain.c has produced lowercase A-labels, so decoding the A-labels
 * of the output (RFC 3492) gives them all, whichever path the name took and
 * whether or not a label came from the memo.  A name without an A-label is
 * plain LDH ASCII: no right-to-left character and no code point outside
 * ASCII, so it cannot fail, and costs one scan of its label starts.
 */
#include "util.h"

#include <string.h>
#include <unictype.h>

/* The code points of a name, label after label. */
typedef struct uts46_name
{
	uint32_t	cp[DCV_DOMAIN_BUF]; /* a label has no more code points than octets */
	uint8_t		bc[DCV_DOMAIN_BUF]; /* their Bidi classes (UC_BIDI_...) */
	size_t		first[DCV_DOMAIN_BUF / 2 + 1];	/* label i: cp[first[i]..first[i+1]) */
	const char *label[DCV_DOMAIN_BUF / 2 + 1];	/* its ASCII form in the name */
	size_t		labellen[DCV_DOMAIN_BUF / 2 + 1];
	size_t		nlabels;
	bool		bidi;			/* some character is R, AL or AN */
} uts46_name;

static uint32_t
puny_digit(char c)
{
	if (c >= 'a' && c <= 'z')
		return (uint32_t) (c - 'a');
	if (c >= 'A' && c <= 'Z')
		return (uint32_t) (c - 'A');
	if (c >= '0' && c <= '9')
		return (uint32_t) (c - '0' + 26);
	return DCV_PUNY_BASE;			/* not a digit */
}

/*
 * RFC 3492 decoding (section 6.2) of s (the label without "xn--") into
 * out[0..DCV_LABEL_MAX); false on malformed input or overflow.  libidn2 has
 * validated every A-label that reaches here, so false does not happen in
 * practice.  i and w are 64-bit and i is bounded by what a label of at most
 * DCV_LABEL_MAX code points can hold, so no digit needs a division to guard
 * against overflow (w <= i before each multiplication by at most 35).
 */
static bool
puny_decode(const char *s, size_t len, uint32_t *out, size_t *outlen)
{
	const uint64_t imax = (uint64_t) 0x110000 * (DCV_LABEL_MAX + 1);
	uint64_t	i = 0;
	uint32_t	n = DCV_PUNY_INITIAL_N,
				bias = DCV_PUNY_INITIAL_BIAS;
	size_t		nout = 0,
				in = 0,
				b = len;

	while (b > 0 && s[b - 1] != '-')
		b--;
	if (b > 0)
	{
		/* the basic code points, before the last delimiter */
		if (b - 1 > DCV_LABEL_MAX)
			return false;
		for (in = 0; in < b - 1; in++)
			out[nout++] = (unsigned char) s[in];
		in = b;
	}
	while (in < len)
	{
		uint64_t	oldi = i,
					w = 1;

		for (uint32_t k = DCV_PUNY_BASE;; k += DCV_PUNY_BASE)
		{
			uint32_t	digit,
						t;

			if (in >= len || (digit = puny_digit(s[in++])) >= DCV_PUNY_BASE ||
				(i += digit * w) > imax)
				return false;
			t = k <= bias ? DCV_PUNY_TMIN : (k >= bias + DCV_PUNY_TMAX ? DCV_PUNY_TMAX : k - bias);
			if (digit < t)
				break;
			w *= DCV_PUNY_BASE - t;
		}
		bias = dcv_puny_adapt((uint32_t) (i - oldi), (uint32_t) nout + 1, oldi == 0);
		if (i / (nout + 1) > 0x10FFFF - n || nout >= DCV_LABEL_MAX)
			return false;
		n += (uint32_t) (i / (nout + 1));
		i %= nout + 1;
		memmove(out + i + 1, out + i, (nout - i) * sizeof(uint32_t));
		out[i++] = n;
		nout++;
	}
	*outlen = nout;
	return true;
}

/*
 * The code points of an A-label, checked for UseSTD3ASCIIRules: UTS#46
 * calls U+2260, U+226E and U+226F disallowed_STD3_valid, the only such code
 * points outside ASCII (domain.c's LDH check refuses the ASCII ones).  Notes
 * whether one is right-to-left (R, AL) or an Arabic digit (AN).
 */
static dcv_status
decode_alabel(uts46_name *nm, size_t l, uint32_t *cp, uint8_t *bc, size_t *n,
			  dcv_error *err)
{
	char		q[DCV_LABEL_MAX * 4 + 8];

	if (!puny_decode(nm->label[l] + 4, nm->labellen[l] - 4, cp, n))
	{
		dcv_quote(q, sizeof(q), nm->label[l], nm->labellen[l]);
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"label %s is not a valid A-label: its Punycode does not decode", q);
	}
	for (size_t i = 0; i < *n; i++)
	{
		bc[i] = (uint8_t) uc_bidi_class(cp[i]);
		if (cp[i] == 0x2260 || cp[i] == 0x226E || cp[i] == 0x226F)
		{
			dcv_quote(q, sizeof(q), nm->label[l], nm->labellen[l]);
			return dcv_fail(err, DCV_ERR_DOMAIN,
							"the name contains U+%04X (in label %s), which UTS#46 with STD3 rules disallows",
							(unsigned) cp[i], q);
		}
		nm->bidi |= bc[i] == UC_BIDI_R || bc[i] == UC_BIDI_AL || bc[i] == UC_BIDI_AN;
	}
	return DCV_OK;
}

/*
 * The labels of name (lowercase LDH ASCII) and their code points into *nm.
 * An ASCII label is copied as it is: letters are L, digits EN and "-" ES,
 * none right-to-left.
 */
static dcv_status
decode_name(const char *name, size_t len, uts46_name *nm, dcv_error *err)
{
	size_t		start = 0,
				ncp = 0;

	/* a leading "*." is dcv's wildcard, no label of the name */
	if (len >= 2 && name[0] == '*' && name[1] == '.')
		start = 2;
	nm->nlabels = 0;
	nm->bidi = false;
	while (start < len)
	{
		size_t		l = nm->nlabels++,
					end = start,
					n;
		dcv_status	st;

		while (end < len && name[end] != '.')
			end++;
		n = end - start;
		nm->label[l] = name + start;
		nm->labellen[l] = n;
		nm->first[l] = ncp;
		/* domain.c has refused these; checked again to bound the arrays */
		if (n == 0 || n > DCV_LABEL_MAX)
			return dcv_fail(err, DCV_ERR_DOMAIN, "the name has an empty or too long label");
		if (n >= 4 && memcmp(name + start, "xn--", 4) == 0)
		{
			if ((st = decode_alabel(nm, l, nm->cp + ncp, nm->bc + ncp, &n, err)) != DCV_OK)
				return st;
		}
		else
			for (size_t i = 0; i < n; i++)
			{
				unsigned char c = (unsigned char) name[start + i];

				nm->cp[ncp + i] = c;
				nm->bc[ncp + i] = c >= '0' && c <= '9' ? UC_BIDI_EN :
					c == '-' ? UC_BIDI_ES : UC_BIDI_L;
			}
		ncp += n;
		start = end + 1;
	}
	nm->first[nm->nlabels] = ncp;
	return DCV_OK;
}

/* Error of RFC 5893 rule "rule" in label l, with a reason. */
static dcv_status
bidi_fail(const uts46_name *nm, size_t l, int rule, const char *why, uint32_t cp,
		  dcv_error *err)
{
	char		q[DCV_LABEL_MAX * 4 + 8];

	dcv_quote(q, sizeof(q), nm->label[l], nm->labellen[l]);
	if (rule == 4)
		return dcv_fail(err, DCV_ERR_DOMAIN,
						"label %s breaks the Bidi rule (RFC 5893 rule 4): %s", q, why);
	return dcv_fail(err, DCV_ERR_DOMAIN,
					"label %s breaks the Bidi rule (RFC 5893 rule %d): %s, not U+%04X (Bidi class %s)",
					q, rule, why, (unsigned) cp, uc_bidi_class_name(uc_bidi_class(cp)));
}

#define BIDI_SET(c) (1u << (c))
_Static_assert(UC_BIDI_PDI < 32, "a set of Bidi classes fits in an unsigned");

/*
 * RFC 5893, section 2, on label l of a Bidi domain name.  Rule 1 decides
 * the direction; 2 and 5 restrict the classes, 3 and 6 the end (marks
 * aside), 4 the digits of a right-to-left label.
 */
static dcv_status
check_bidi_label(const uts46_name *nm, size_t l, dcv_error *err)
{
	const uint32_t *cp = nm->cp + nm->first[l];
	const uint8_t *bc = nm->bc + nm->first[l];
	size_t		n = nm->first[l + 1] - nm->first[l],
				last = n;
	int			first;
	bool		rtl;
	unsigned	allowed,
				end,
				seen = 0;

	if (n == 0)
		return DCV_OK;			/* no code point (libidn2 refuses "xn--" before) */
	first = bc[0];
	rtl = first == UC_BIDI_R || first == UC_BIDI_AL;
	if (!rtl && first != UC_BIDI_L)
		return bidi_fail(nm, l, 1, "in a Bidi domain name every label must begin with Bidi class L, R or AL",
						 cp[0], err);
	allowed = BIDI_SET(UC_BIDI_EN) | BIDI_SET(UC_BIDI_ES) | BIDI_SET(UC_BIDI_CS) |
		BIDI_SET(UC_BIDI_ET) | BIDI_SET(UC_BIDI_ON) | BIDI_SET(UC_BIDI_BN) | BIDI_SET(UC_BIDI_NSM);
	allowed |= rtl ? BIDI_SET(UC_BIDI_R) | BIDI_SET(UC_BIDI_AL) | BIDI_SET(UC_BIDI_AN) :
		BIDI_SET(UC_BIDI_L);
	end = rtl ? BIDI_SET(UC_BIDI_R) | BIDI_SET(UC_BIDI_AL) | BIDI_SET(UC_BIDI_EN) |
		BIDI_SET(UC_BIDI_AN) : BIDI_SET(UC_BIDI_L) | BIDI_SET(UC_BIDI_EN);

	for (size_t i = 0; i < n; i++)
	{
		if (!(allowed & BIDI_SET(bc[i])))
			return bidi_fail(nm, l, rtl ? 2 : 5,
							 rtl ? "a right-to-left label may hold only Bidi classes R, AL, AN, EN, ES, CS, ET, ON, BN and NSM" :
							 "a left-to-right label of a Bidi domain name may hold only Bidi classes L, EN, ES, CS, ET, ON, BN and NSM",
							 cp[i], err);
		seen |= BIDI_SET(bc[i]);
	}
	while (last > 1 && bc[last - 1] == UC_BIDI_NSM)
		last--;
	if (!(end & BIDI_SET(bc[last - 1])))
		return bidi_fail(nm, l, rtl ? 3 : 6,
						 rtl ? "a right-to-left label must end with Bidi class R, AL, EN or AN, marks (NSM) aside" :
						 "a left-to-right label of a Bidi domain name must end with Bidi class L or EN, marks (NSM) aside",
						 cp[last - 1], err);
	if (rtl && (seen & BIDI_SET(UC_BIDI_EN)) && (seen & BIDI_SET(UC_BIDI_AN)))
		return bidi_fail(nm, l, 4,
						 "a right-to-left label may not hold both European (Bidi class EN) and Arabic-Indic (AN) digits",
						 0, err);
	return DCV_OK;
}

/* Whether some label of name begins with "xn--". */
static bool
any_alabel(const char *name, size_t len)
{
	for (size_t i = 0; i + 4 <= len;)
	{
		if (memcmp(name + i, "xn--", 4) == 0)
			return true;
		while (i < len && name[i] != '.')
			i++;
		i++;
	}
	return false;
}

dcv_status
dcv_uts46_check(const char *name, size_t len, dcv_error *err)
{
	uts46_name	nm;
	dcv_status	st;

	if (!any_alabel(name, len))
		return DCV_OK;
	if (len > DCV_DOMAIN_MAX + 2)
		return dcv_fail(err, DCV_ERR_DOMAIN, "the name is too long");
	if ((st = decode_name(name, len, &nm, err)) != DCV_OK)
		return st;
	if (nm.bidi)
		for (size_t l = 0; l < nm.nlabels; l++)
			if ((st = check_bidi_label(&nm, l, err)) != DCV_OK)
				return st;
	return DCV_OK;
}
