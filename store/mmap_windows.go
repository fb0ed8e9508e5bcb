package store

// initialMmapSize is left to bbolt on Windows: there bbolt can only map what the file
// holds, so it truncates the file to the map's size, and a large initial map would turn
// every coach's data file into a gigabyte on disk.
const initialMmapSize = 0
