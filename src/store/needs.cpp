#include "store/needs.hpp"
