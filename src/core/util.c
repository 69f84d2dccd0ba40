/*
 * util.c
 *		Error details, quoting and UTF-8 validation for the core.
 */
#include "util.h"

#include <idn2.h>
#include <stdlib.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

dcv_status
dcv_fail(dcv_error *err, dcv_status status, const char *fmt,...)
{
	va_list		ap;

	if (err == NULL)
		return status;			/* the caller only wants to know */
	err->status = status;
	err->index = -1;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
	return status;
}

void
dcv_quote(char *out, size_t outsize, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		o = 0;

	if (outsize < 3)
	{
		if (outsize > 0)
			out[0] = '\0';
		return;
	}
	out[o++] = '"';
	for (size_t i = 0; i < len && o + 6 < outsize; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"')
			out[o++] = (char) c;
		else
		{
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o++] = '"';
	out[o] = '\0';
}

int
dcv_idn2_ascii(const char *in, char *out, size_t outsize, size_t *outlen)
{
	char	   *res = NULL;
	int			rc = idn2_to_ascii_8z(in, &res, IDN2_NONTRANSITIONAL);
	size_t		n = rc == IDN2_OK ? strlen(res) : 0;

	if (rc == IDN2_OK && n >= outsize)
		rc = -1;
	else if (rc == IDN2_OK)
	{
		for (size_t i = 0; i <= n; i++)
			out[i] = dcv_lower((unsigned char) res[i]);
	}
	free(res);
	*outlen = n;
	return rc;
}

uint32_t
dcv_puny_adapt(uint32_t delta, uint32_t numpoints, bool firsttime)
{
	uint32_t	k = 0;

	delta = firsttime ? delta / DCV_PUNY_DAMP : delta / 2;
	delta += delta / numpoints;
	while (delta > ((DCV_PUNY_BASE - DCV_PUNY_TMIN) * DCV_PUNY_TMAX) / 2)
	{
		delta /= DCV_PUNY_BASE - DCV_PUNY_TMIN;
		k += DCV_PUNY_BASE;
	}
	return k + (DCV_PUNY_BASE - DCV_PUNY_TMIN + 1) * delta / (delta + DCV_PUNY_SKEW);
}

void
dcv_ascii_lower(char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		s[i] = dcv_lower((unsigned char) s[i]);
}

dcv_status
dcv_check_utf8(const char *str, size_t len, dcv_status status, dcv_error *err)
{
	const unsigned char *s = (const unsigned char *) str;
	size_t		i = 0;

	while (i < len)
	{
		unsigned char c = s[i];
		size_t		n;
		unsigned	cp;

		/* ASCII runs eight bytes at a time */
		while (i + 8 <= len)
		{
			uint64_t	w;

			memcpy(&w, s + i, 8);
			/* any byte >= 0x80, or any zero byte */
			if ((w & 0x8080808080808080ULL) ||
				((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		c = s[i];
		if (c == 0)
			return dcv_fail(err, status, "the input contains a NUL byte");
		if (c < 0x80)
		{
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			goto bad;
		if (i + n >= len)
			goto bad;
		for (size_t k = 1; k <= n; k++)
		{
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
			(cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += n + 1;
	}
	return DCV_OK;
bad:
	return dcv_fail(err, status, "the input is not valid UTF-8 (byte %zu)", i + 1);
}

void
dcv_sort(void **items, size_t n, int (*cmp) (const void *x, const void *y),
		 const dcv_alloc *a)
{
	void	  **src = items;
	void	  **dst;
	size_t		ticks = 0;

	if (n < 2)
		return;
	if (n <= 16)
	{
		/* insertion sort: stable, and no buffer for the usual few entries */
		for (size_t i = 1; i < n; i++)
		{
			void	   *x = items[i];
			size_t		j = i;

			while (j > 0 && cmp(x, items[j - 1]) < 0)
			{
				items[j] = items[j - 1];
				j--;
			}
			items[j] = x;
		}
		return;
	}
	dst = a->fn(a->ctx, n * sizeof(void *));
	/* bottom-up: runs of width w merged from src into dst, then swap */
	for (size_t w = 1; w < n; w *= 2)
	{
		for (size_t lo = 0; lo < n; lo += 2 * w)
		{
			size_t		mid = lo + w < n ? lo + w : n;
			size_t		hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t		i = lo,
						j = mid,
						k = lo;

			while (i < mid && j < hi)
				dst[k++] = cmp(src[j], src[i]) < 0 ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
			ticks += hi - lo;
			if (a->interrupt && ticks >= 65536)
			{
				ticks = 0;
				a->interrupt();
			}
		}
		{
			void	  **t = src;

			src = dst;
			dst = t;
		}
	}
	if (src != items)
		for (size_t i = 0; i < n; i++)
			items[i] = src[i];
}

bool
dcv_memo_get(const dcv_memo *m, const char *key, size_t keylen, char *out,
			 size_t *outlen)
{
	uint32_t	h;
	const dcv_memo_slot *slot;

	if (keylen == 0 || keylen >= DCV_MEMO_KEY)
		return false;
	h = dcv_hash(key, keylen);
	slot = &m->slots[h & (m->nslots - 1)];
	if (slot->keylen != keylen || slot->hash != h || memcmp(slot->key, key, keylen) != 0)
		return false;
	memcpy(out, slot->value, slot->valuelen);
	out[slot->valuelen] = '\0';
	*outlen = slot->valuelen;
	return true;
}

void
dcv_memo_put(dcv_memo *m, const char *key, size_t keylen, const char *value,
			 size_t valuelen)
{
	uint32_t	h;
	dcv_memo_slot *slot;

	if (keylen == 0 || keylen >= DCV_MEMO_KEY || valuelen >= DCV_MEMO_VALUE)
		return;
	h = dcv_hash(key, keylen);
	slot = &m->slots[h & (m->nslots - 1)];
	slot->hash = h;
	slot->keylen = (uint8_t) keylen;
	memcpy(slot->key, key, keylen);
	slot->valuelen = (uint8_t) valuelen;
	memcpy(slot->value, value, valuelen);
}

char *
dcv_strndup(const dcv_alloc *a, const char *s, size_t len)
{
	char	   *p = a->fn(a->ctx, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static int
cmp_cstr(const void *x, const void *y)
{
	return strcmp((const char *) x, (const char *) y);
}

size_t
dcv_sort_unique(const char **v, size_t n, const dcv_alloc *a)
{
	size_t		u = 0;

	dcv_sort((void **) v, n, cmp_cstr, a);
	for (size_t i = 0; i < n; i++)
		if (u == 0 || strcmp(v[u - 1], v[i]) != 0)
			v[u++] = v[i];
	return u;
}

bool
dcv_in_sorted(const char *const *v, size_t n, const char *s)
{
	size_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		int			c = strcmp(s, v[mid]);

		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}
