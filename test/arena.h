/*
 * arena.h
 *		A tracked allocator for the core's dcv_alloc in tests and fuzz
 *		harnesses: every block is remembered and freed at once by
 *		test_arena_reset, so leak checkers see exactly what the core leaks.
 */
#ifndef DCV_TEST_ARENA_H
#define DCV_TEST_ARENA_H

#include <stdlib.h>

typedef struct test_arena
{
	void	  **blocks;
	size_t		n,
				cap;
} test_arena;

static inline void *
test_arena_alloc(void *ctx, size_t size)
{
	test_arena *ar = ctx;
	void	   *p;

	if (ar->n == ar->cap)
	{
		ar->cap = ar->cap ? ar->cap * 2 : 64;
		ar->blocks = realloc(ar->blocks, ar->cap * sizeof(void *));
		if (ar->blocks == NULL)
			abort();
	}
	/* malloc(0) may return NULL, which the core would take for failure */
	p = malloc(size ? size : 1);
	if (p == NULL)
		abort();
	ar->blocks[ar->n++] = p;
	return p;
}

static inline void
test_arena_reset(test_arena *ar)
{
	for (size_t i = 0; i < ar->n; i++)
		free(ar->blocks[i]);
	free(ar->blocks);
	ar->blocks = NULL;
	ar->n = ar->cap = 0;
}

#endif							/* DCV_TEST_ARENA_H */
