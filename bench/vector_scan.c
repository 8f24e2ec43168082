/*
 * vector_scan.c
 *		The yardstick for vector search on the embedded default: the same
 *		brute-force top-k cosine scan pgwire_vector.so does, as a plain C
 *		loop over the same float4 values in memory.
 *
 *   vector_scan VECTORS.f32 QUERIES.f32 DIM K
 *
 * Prints "queries N, seconds S, qps Q" for one pass of every query over
 * every vector (double accumulators, as backend/sqlite_vector.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static float *
read_floats(const char *path, size_t *count)
{
	FILE	   *f = fopen(path, "rb");
	long		bytes;
	float	   *v;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (bytes = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
	{
		perror(path);
		exit(1);
	}
	v = malloc((size_t) bytes);
	if (v == NULL || fread(v, 1, (size_t) bytes, f) != (size_t) bytes)
	{
		perror(path);
		exit(1);
	}
	fclose(f);
	*count = (size_t) bytes / sizeof(float);
	return v;
}

static double
cosine_distance(const float *a, const float *b, int n)
{
	double		dot = 0.0;
	double		na = 0.0;
	double		nb = 0.0;

	for (int i = 0; i < n; i++)
	{
		dot += (double) a[i] * (double) b[i];
		na += (double) a[i] * (double) a[i];
		nb += (double) b[i] * (double) b[i];
	}
	return 1.0 - dot / sqrt(na * nb);
}

int
main(int argc, char **argv)
{
	size_t		nv;
	size_t		nq;
	float	   *vectors;
	float	   *queries;
	int			dim;
	int			k;
	struct timespec t0;
	struct timespec t1;
	double		checksum = 0.0;
	double		seconds;

	if (argc != 5)
	{
		fprintf(stderr, "usage: %s VECTORS.f32 QUERIES.f32 DIM K\n", argv[0]);
		return 2;
	}
	vectors = read_floats(argv[1], &nv);
	queries = read_floats(argv[2], &nq);
	dim = atoi(argv[3]);
	k = atoi(argv[4]);
	nv /= (size_t) dim;
	nq /= (size_t) dim;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t q = 0; q < nq; q++)
	{
		double		best[64];
		int			nbest = 0;

		for (size_t i = 0; i < nv; i++)
		{
			double		d = cosine_distance(vectors + i * (size_t) dim, queries + q * (size_t) dim, dim);
			int			j;

			if (nbest == k && d >= best[k - 1])
				continue;
			for (j = nbest < k ? nbest++ : k - 1; j > 0 && best[j - 1] > d; j--)
				best[j] = best[j - 1];
			best[j] = d;
		}
		checksum += best[0];
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	seconds = (double) (t1.tv_sec - t0.tv_sec) + (double) (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("queries %zu, seconds %.3f, qps %.2f (checksum %.6f)\n", nq, seconds, (double) nq / seconds, checksum);
	return 0;
}
