//go:build !windows

package store

// initialMmapSize is the address space mapped at open. It is only reserved, not read or
// allocated, and it spares a large write (a bulk chunk) the remaps bbolt does each time
// the file outgrows its map, which dominated the bulk writer's time. The price: bbolt then
// grows the file in 16 MiB steps from the start, as it does anyway past 16 MiB.
const initialMmapSize = 1 << 30
