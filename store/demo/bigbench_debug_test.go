package demo

import "testing"

func BenchmarkBigBuild(b *testing.B) {
	for b.Loop() {
		if _, err := Build(Options{Coops: 3000, Years: 5}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBigWrite(b *testing.B) {
	for b.Loop() {
		s := mustOpen(b, "big.db")
		if _, err := Write(s, Options{Coops: 3000, Years: 5}); err != nil {
			b.Fatal(err)
		}
	}
}
