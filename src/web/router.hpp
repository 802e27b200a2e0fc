#pragma once
// The routing table: method + path pattern ("/projects/{slug}") -> handler, built in one place.
#include "domain/policy.hpp"
#include "web/http.hpp"

#include <functional>
#include <string>
#include <vector>

namespace latitudes::web {

class Site;
using Handler = std::function<Response(Request&, Site&)>;

// What an /api/ route takes besides its path, checked by Site::handle before the handler runs
// (web/api_input.hpp): the query parameters it reads, each at most once, any other answering 400
// unknown_parameter, and the media type of its body, any other answering 415. Pages declare
// nothing and are not checked: forms and their query strings stay as browsers send them.
struct ApiInput {
    std::vector<std::string> query;
    std::string body_type;  // "application/json", "text/csv", or "" for a route that takes no body
};

struct Route {
    std::string method;
    std::string pattern;  // also the route's name in metrics and logs
    std::vector<std::string> segments;
    Handler handler;
    domain::Action action = domain::Action::view_public;  // checked by Site::handle before the handler
    bool cacheable = false;                               // public and the same for every anonymous visitor
    ApiInput api;                                         // only for /api/ routes

    Route& reads(std::vector<std::string> query_params) {
        api.query = std::move(query_params);
        return *this;
    }
    Route& takes(std::string media_type) {
        api.body_type = std::move(media_type);
        return *this;
    }
};

class Router {
public:
    // Every route names the action it performs: there is no default, so none is forgotten.
    // The route added, for an /api/ route's reads() and takes() (valid until the next add).
    Route& add(std::string method, std::string pattern, Handler handler, domain::Action action, bool cacheable = false);

    struct Match {
        const Route* route = nullptr;  // set when method and path match
        bool path_known = false;       // the path exists with another method (405)
        std::string allowed;           // then, the methods it accepts ("GET, HEAD, POST")
    };
    // Fills request.path_params on success. HEAD matches GET routes.
    Match match(Request& request) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

std::vector<std::string> split_path(std::string_view path);

}  // namespace latitudes::web
