/* The baseline: the least a native-messaging host can do. Reads a frame (32-bit native-endian
 * length + payload) and writes it straight back, until stdin ends. No allocation beyond one
 * buffer, no parsing, no files: what is left is process start and the pipe round trip. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static int read_all(char* p, size_t n) {
    while (n > 0) {
        ssize_t r = read(0, p, n);
        if (r <= 0) return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

static int write_all(const char* p, size_t n) {
    while (n > 0) {
        ssize_t w = write(1, p, n);
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int main(void) {
    static char buffer[1024 * 1024 + 4];
    for (;;) {
        uint32_t length;
        if (read_all((char*)&length, 4) != 0) return 0;
        if (length > sizeof buffer - 4) return 1;
        if (read_all(buffer + 4, length) != 0) return 0;
        *(uint32_t*)buffer = length;
        if (write_all(buffer, length + 4) != 0) return 1;
    }
}
