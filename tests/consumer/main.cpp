#include <tempest/migrations.hpp>

int main() { return 0; }
