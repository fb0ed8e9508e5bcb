package store

import (
	"encoding/hex"
	"fmt"
)

// boundedKV writes keys and values in bbolt's check messages as their length and the hex of
// at most their first 32 bytes. A damaged page can claim a key of gigabytes; bbolt's own
// writer encoded all of it, reading past the end of the file inside bbolt's checking
// goroutine, where a fault cannot be recovered: the process died with SIGBUS (issue #8).
type boundedKV struct{}

// KeyToString is the key's length and first bytes in hex.
func (boundedKV) KeyToString(k []byte) string { return boundedHex(k) }

// ValueToString is the value's length and first bytes in hex.
func (boundedKV) ValueToString(v []byte) string { return boundedHex(v) }

func boundedHex(b []byte) string {
	if len(b) <= 32 {
		return hex.EncodeToString(b)
	}
	return fmt.Sprintf("%s… (%d bytes)", hex.EncodeToString(b[:32]), len(b))
}
