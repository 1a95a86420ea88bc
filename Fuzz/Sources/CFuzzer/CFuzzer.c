// Declarations only (include/CFuzzer.h).
