package demo

import (
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
)

// newRand returns the generator of one stream of the demo: the city's seed and a stream
// number, so that each cooperative draws from its own stream and does not depend on how
// many numbers another cooperative drew.
func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream^0x9e3779b97f4a7c15))
}

// newID makes a UUID v7 for a record created at t: the millisecond timestamp in the first
// 48 bits, the version and variant bits where RFC 9562 puts them, and the other 74 bits
// from r, so that the same seed always gives the same ids.
func newID(r *rand.Rand, t time.Time) string {
	var u uuid.UUID
	ms := uint64(t.UnixMilli())
	for i := range 6 {
		u[i] = byte(ms >> (40 - 8*i))
	}
	hi, lo := r.Uint64(), r.Uint64()
	for i := range 2 {
		u[6+i] = byte(hi >> (8 * i))
	}
	for i := range 8 {
		u[8+i] = byte(lo >> (8 * i))
	}
	u[6] = 0x70 | u[6]&0x0f // version 7
	u[8] = 0x80 | u[8]&0x3f // variant 10
	return u.String()
}

// between returns a uniform float in [lo, hi).
func between(r *rand.Rand, lo, hi float64) float64 {
	return lo + r.Float64()*(hi-lo)
}

// pick returns one element of xs.
func pick[T any](r *rand.Rand, xs []T) T {
	return xs[r.IntN(len(xs))]
}

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool {
	return r.Float64() < p
}

// dayIn returns a time on a uniformly chosen day in [from, to), at a working hour.
func dayIn(r *rand.Rand, from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	if days < 1 {
		days = 1
	}
	d := from.AddDate(0, 0, r.IntN(days))
	return time.Date(d.Year(), d.Month(), d.Day(), 8+r.IntN(8), r.IntN(60), r.IntN(60), 0,
		time.UTC)
}
