package store

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// boltMagic marks a bbolt meta page.
const boltMagic = 0xED0CDAED

// checkLength refuses a bbolt file shorter than its own meta page says. bbolt maps the
// file into memory and would touch pages past its end, which kills the process with
// SIGBUS instead of returning an error (a truncated copy is the likeliest damage).
// Anything else odd is left to bbolt's own checks.
func checkLength(path string) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}

	// Meta page 0 sits at offset 0; its page size says where meta page 1 is. Take the one
	// with the higher transaction id, as bbolt does.
	var best struct{ txid, need uint64 }
	pageSize := uint64(0)
	for i := range 2 {
		off := int64(i) * int64(pageSize)
		if i == 1 && pageSize == 0 {
			break
		}
		buf := make([]byte, 80)
		if _, err := f.ReadAt(buf, off); err != nil && err != io.EOF {
			return fmt.Errorf("open %s: %w", path, err)
		}
		meta := buf[16:]
		if binary.NativeEndian.Uint32(meta[0:]) != boltMagic {
			continue
		}
		size := uint64(binary.NativeEndian.Uint32(meta[8:]))
		if size < 512 || size > 1<<20 {
			continue
		}
		if i == 0 {
			pageSize = size
		}
		hwm, txid := binary.NativeEndian.Uint64(meta[40:]), binary.NativeEndian.Uint64(meta[48:])
		if txid >= best.txid {
			best.txid, best.need = txid, hwm*size
		}
	}
	if best.need > uint64(fi.Size()) {
		return fmt.Errorf("open %s: %w: it is %d bytes, its pages need %d (truncated?)",
			path, ErrDamaged, fi.Size(), best.need)
	}
	return nil
}
