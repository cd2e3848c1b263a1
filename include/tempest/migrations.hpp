#pragma once
// The one include an application needs.

#include "tempest/error.hpp"
#include "tempest/model/model.hpp"
#include "tempest/model/reflect.hpp"
#include "tempest/schema/naming.hpp"
#include "tempest/schema/schema.hpp"
#include "tempest/dialect/create_schema.hpp"
#include "tempest/dialect/registry.hpp"
#include "tempest/runtime/url.hpp"
#include "tempest/runtime/connection.hpp"
#include "tempest/runtime/create_schema.hpp"
#include "tempest/introspect/introspect.hpp"
