// The floor of the activation benchmarks: the same directories, bind mounts and symbolic links that
// live-persist makes, made by the bare system calls and nothing else (no checks, no planning, no
// safety). bench/run.sh writes the steps, one per line, and times this program beside live-persist:
//   mkdir PATH            mkdir(2), mode 0755
//   bind SOURCE TARGET    mount(2) MS_BIND
//   link TARGET PATH      symlink(2)
//   umount PATH           umount2(2)
//   unlink PATH           unlink(2)
// Usage: floor STEPS-FILE. Prints the time spent in the steps (nanoseconds) on stdout.
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: floor STEPS-FILE\n");
    return 2;
  }
  FILE *steps = fopen(argv[1], "r");
  if (steps == NULL) {
    perror(argv[1]);
    return 1;
  }
  // Read every step first: only the system calls are timed.
  size_t count = 0, capacity = 1024;
  char **lines = malloc(capacity * sizeof *lines);
  char *line = NULL;
  size_t size = 0;
  while (getline(&line, &size, steps) > 0) {
    line[strcspn(line, "\n")] = '\0';
    if (count == capacity) lines = realloc(lines, (capacity *= 2) * sizeof *lines);
    lines[count++] = strdup(line);
  }
  fclose(steps);

  long long start = now_ns();
  for (size_t i = 0; i < count; i++) {
    char *verb = strtok(lines[i], " "), *first = strtok(NULL, " "), *second = strtok(NULL, " ");
    int result = 0;
    if (strcmp(verb, "mkdir") == 0) {
      result = mkdir(first, 0755) == 0 || errno == EEXIST ? 0 : -1;
    } else if (strcmp(verb, "bind") == 0) {
      result = mount(first, second, NULL, MS_BIND, NULL);
    } else if (strcmp(verb, "link") == 0) {
      result = symlink(first, second);
    } else if (strcmp(verb, "umount") == 0) {
      result = umount2(first, 0);
    } else if (strcmp(verb, "unlink") == 0) {
      result = unlink(first);
    }
    if (result != 0) {
      fprintf(stderr, "floor: %s %s: %s\n", verb, first, strerror(errno));
      return 1;
    }
  }
  printf("%lld\n", now_ns() - start);
  return 0;
}
