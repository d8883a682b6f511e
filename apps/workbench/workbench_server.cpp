#include "apps/workbench/workbench_server.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <regex>
#include <sstream>
#include <thread>

#include <httplib.h>

#include "analysis/results/csv_records.hpp"
#include "analysis/results/results_h5_reader.hpp"
#include "apps/workbench/job_queue.hpp"
#include "apps/workbench/json_text.hpp"
#include "apps/workbench/request_guard.hpp"
#include "apps/workbench/spawn_defaults.hpp"
#include "apps/workbench/workbench_assets.hpp"
#include "apps/workbench/workspace.hpp"
#include "models/costs.hpp"
#include "models/on_time_forecast.hpp"
#include "models/scenario_loader.hpp"

extern char** environ;

namespace twotier::workbench {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxRequestBytes = 64 * 1024;
constexpr std::string_view kTokenHeader = "X-Twotier-Token";

void send_json(httplib::Response& response, const std::string& json, int status = 200) {
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  response.set_content(json, "application/json; charset=utf-8");
}

void send_error(httplib::Response& response, int status, const std::string& message,
                const std::string& field = {}) {
  send_json(response,
            "{\"error\":" + json_string(message) +
                (field.empty() ? std::string{} : ",\"field\":" + json_string(field)) + "}",
            status);
}

std::string status_json(const JobStatus& status) {
  std::ostringstream out;
  out << "{\"id\":" << json_string(status.id) << ",\"kind\":" << json_string(status.kind)
      << ",\"label\":" << json_string(status.label)
      << ",\"state\":" << json_string(to_string(status.state)) << ",\"percent\":" << status.percent
      << ",\"eta\":" << json_string(status.eta) << ",\"message\":" << json_string(status.message)
      << ",\"queue_position\":" << status.queue_position
      << ",\"cached\":" << (status.cached ? "true" : "false") << "}";
  return out.str();
}

std::string scenario_json(const ScenarioEntry& entry) {
  return "{\"id\":" + json_string(entry.id) + ",\"name\":" + json_string(entry.name) +
         ",\"variant\":" + (entry.variant ? "true" : "false") +
         ",\"base\":" + json_string(entry.base_id) + ",\"changes\":" + json_strings(entry.changes) +
         "}";
}

// The scenario's units with their positions, for the overview and the unit page.
std::string units_json(const model::ModelSpec& spec) {
  std::ostringstream out;
  out << "{\"on_time_target\":" << json_number(model::on_time_target(spec)) << ",\"units\":[";
  for (std::size_t u = 0; u < spec.units.size(); ++u) {
    const auto& unit = spec.units[u];
    out << (u ? "," : "") << "{\"id\":" << json_string(unit.id)
        << ",\"name\":" << json_string(unit.name)
        << ",\"tier\":" << json_string(model::to_string(unit.tier())) << ",\"positions\":[";
    bool first = true;
    for (const auto& position : spec.positions) {
      if (static_cast<std::size_t>(position.unit) != u) continue;
      out << (first ? "" : ",") << "{\"id\":" << json_string(position.id)
          << ",\"officers\":" << position.officers << "}";
      first = false;
    }
    // The procedures filed at the unit, with their mean dossiers a day.
    out << "],\"procedures\":[";
    first = true;
    for (const auto& stream : spec.arrivals) {
      if (static_cast<std::size_t>(stream.unit) != u || stream.per_day <= 0) continue;
      const auto& procedure = spec.procedures[static_cast<std::size_t>(stream.procedure)];
      out << (first ? "" : ",") << "{\"id\":" << json_string(procedure.id)
          << ",\"name\":" << json_string(procedure.name.empty() ? procedure.id : procedure.name)
          << ",\"per_day\":" << json_number(stream.per_day)
          << ",\"deadline_workdays\":" << procedure.deadline_workdays << "}";
      first = false;
    }
    out << "]}";
  }
  out << "]}";
  return out.str();
}

std::string csv_json(const analysis::CsvRecords& records) {
  std::string out = "{\"header\":" + json_strings(records.header) + ",\"rows\":[";
  for (std::size_t r = 0; r < records.rows.size(); ++r)
    out += (r ? "," : "") + json_strings(records.rows[r]);
  return out + "]}";
}

// A file name the page may ask for in a job's output folder: a plain name, no path.
bool result_file_name(const std::string& name) {
  static const std::regex allowed(
      R"(^[A-Za-z0-9_][A-Za-z0-9_.-]{0,100}\.(csv|html|xlsx|toml|h5)$)");
  return std::regex_match(name, allowed) && name.find("..") == std::string::npos;
}

std::optional<fs::path> job_file(const JobQueue& jobs, const std::string& id,
                                 const std::string& name) {
  const auto status = jobs.status(id);
  if (!status || status->state != JobState::kDone || !result_file_name(name)) return std::nullopt;
  const fs::path file = status->output / name;
  std::error_code ec;
  if (fs::is_symlink(file, ec) || !fs::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

std::string content_type(const std::string& extension) {
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".csv") return "text/csv; charset=utf-8";
  if (extension == ".toml") return "text/plain; charset=utf-8";
  if (extension == ".xlsx")
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  return "application/octet-stream";
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A form value that must match `pattern`; throws VariantError naming the field.
std::string checked(const httplib::Request& request, const std::string& field,
                    const std::string& pattern, const std::string& allowed,
                    const std::string& fallback = {}) {
  const std::string value =
      request.has_param(field.c_str()) ? request.get_param_value(field.c_str()) : fallback;
  if (!std::regex_match(value, std::regex(pattern))) {
    throw VariantError(field, "bad value '" + value.substr(0, 80) + "' (allowed: " + allowed + ")");
  }
  return value;
}

// Prints `html` to PDF with headless Chromium (A4, the page's print styles).
bool print_pdf(const fs::path& chromium, const fs::path& html, const fs::path& pdf) {
  std::vector<std::string> arguments{chromium.string(),
                                     "--headless",
                                     "--no-sandbox",
                                     "--disable-gpu",
                                     "--disable-background-networking",
                                     "--no-pdf-header-footer",
                                     "--print-to-pdf=" + pdf.string(),
                                     "file://" + html.string()};
  std::vector<char*> argv;
  for (auto& argument : arguments)
    argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  SpawnDefaults defaults;
  pid_t pid = 0;
  const int spawned =
      ::posix_spawn(&pid, chromium.c_str(), &actions, &defaults.attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return false;
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::error_code ec;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 && fs::is_regular_file(pdf, ec);
}

class Workbench {
 public:
  Workbench(const ServeOptions& options, Workspace& workspace, JobQueue& jobs)
      : options_(options), workspace_(workspace), jobs_(jobs), token_(new_session_token()) {}

  void install(httplib::Server& server) {
    server.set_payload_max_length(kMaxRequestBytes);
    server.set_read_timeout(10, 0);
    server.set_write_timeout(30, 0);
    server.set_keep_alive_timeout(5);
    server.set_pre_routing_handler(
        [this](const auto& request, auto& response) { return guard(request, response); });
    server.Get("/", [this](const auto&, auto& response) { page(response); });
    server.Get(R"(/assets/([a-z0-9_.-]+))", [](const auto& request, auto& response) {
      const auto asset = find_asset(request.matches[1].str());
      if (!asset) return send_error(response, 404, "no such asset");
      response.set_header("Cache-Control", "no-cache");
      response.set_content(std::string(asset->bytes), std::string(asset->content_type));
    });
    server.Get("/api/scenarios", [this](const auto&, auto& response) {
      std::string out = "[";
      bool first = true;
      for (const auto& entry : workspace_.scenarios()) {
        out += (first ? "" : ",") + scenario_json(entry);
        first = false;
      }
      send_json(response, out + "]");
    });
    server.Get("/api/units",
               [this](const auto& request, auto& response) { units(request, response); });
    server.Get("/api/cost",
               [this](const auto& request, auto& response) { cost(request, response); });
    server.Get("/api/jobs", [this](const auto&, auto& response) {
      std::string out = "[";
      bool first = true;
      for (const auto& status : jobs_.jobs()) {
        out += (first ? "" : ",") + status_json(status);
        first = false;
      }
      send_json(response, out + "]");
    });
    server.Get(R"(/api/jobs/([0-9a-f]{16}))", [this](const auto& request, auto& response) {
      const auto status = jobs_.status(request.matches[1].str());
      if (!status) return send_error(response, 404, "no such job");
      send_json(response, status_json(*status));
    });
    // The job's status pushed as server-sent events (one `data:` line every 0.5 s while it
    // changes, the last one when it ends); the page falls back to polling without them.
    server.Get(R"(/api/jobs/([0-9a-f]{16})/events)", [this](const auto& request, auto& response) {
      const std::string id = request.matches[1].str();
      if (!jobs_.status(id)) return send_error(response, 404, "no such job");
      response.set_header("Cache-Control", "no-store");
      response.set_chunked_content_provider(
          "text/event-stream",
          [this, id, last = std::string()](std::size_t, httplib::DataSink& sink) mutable {
            const auto status = jobs_.status(id);
            if (!status) return false;
            const std::string json = status_json(*status);
            if (json != last) {
              const std::string event = "data: " + json + "\n\n";
              if (!sink.write(event.data(), event.size())) return false;
              last = json;
            }
            const bool ended =
                status->state != JobState::kQueued && status->state != JobState::kRunning;
            if (ended) {
              sink.done();
              return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            return true;
          });
    });
    server.Get(R"(/api/jobs/([0-9a-f]{16})/csv)", [this](const auto& request, auto& response) {
      const auto file = job_file(jobs_, request.matches[1].str(), request.get_param_value("name"));
      if (!file || file->extension() != ".csv") return send_error(response, 404, "no such table");
      try {
        send_json(response, csv_json(*analysis::read_csv_file(*file)));
      } catch (const std::exception& e) {
        send_error(response, 500, e.what());
      }
    });
    server.Get(R"(/api/jobs/([0-9a-f]{16})/file)", [this](const auto& request, auto& response) {
      const std::string name = request.get_param_value("name");
      const auto file = job_file(jobs_, request.matches[1].str(), name);
      if (!file) return send_error(response, 404, "no such file");
      const std::string type = content_type(file->extension().string());
      if (file->extension() != ".html") {
        response.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
      }
      response.set_content(read_bytes(*file), type);
    });
    server.Get(R"(/api/jobs/([0-9a-f]{16})/daily)", [this](const auto& request, auto& response) {
      daily(request.matches[1].str(), request.get_param_value("unit"), response);
    });
    server.Get(R"(/api/jobs/([0-9a-f]{16})/answer)", [this](const auto& request, auto& response) {
      const auto status = jobs_.status(request.matches[1].str());
      if (!status || status->state != JobState::kDone)
        return send_error(response, 404, "not finished");
      // The command's words, without the server's folder it names at the end.
      std::istringstream printed(read_bytes(status->output.parent_path() / "stdout.log"));
      std::string answer;
      for (std::string line; std::getline(printed, line);)
        if (line.find(status->output.string()) == std::string::npos) answer += line + "\n";
      response.set_content(answer, "text/plain; charset=utf-8");
    });
    server.Get(R"(/api/jobs/([0-9a-f]{16})/pdf)", [this](const auto& request, auto& response) {
      pdf(request.matches[1].str(), response);
    });
    server.Post("/api/jobs",
                [this](const auto& request, auto& response) { submit(request, response); });
    server.Post(R"(/api/jobs/([0-9a-f]{16})/cancel)", [this](const auto& request, auto& response) {
      if (!jobs_.cancel(request.matches[1].str())) return send_error(response, 409, "not running");
      send_json(response, "{\"ok\":true}");
    });
    server.Post("/api/variants",
                [this](const auto& request, auto& response) { save_variant(request, response); });
  }

 private:
  // Host (DNS rebinding), then for anything but GET: origin and token.
  httplib::Server::HandlerResponse guard(const httplib::Request& request,
                                         httplib::Response& response) {
    if (!host_allowed(request.get_header_value("Host"), options_.bind_address, options_.port)) {
      send_error(response, 403, "this server answers only to its own address");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (request.method != "GET" && request.method != "HEAD") {
      if (!origin_allowed(request.get_header_value("Origin"), options_.bind_address,
                          options_.port) ||
          !token_matches(request.get_header_value(std::string(kTokenHeader).c_str()), token_)) {
        send_error(response, 403, "missing or wrong session token (reload the page)");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("X-Frame-Options", "SAMEORIGIN");
    response.set_header("Referrer-Policy", "no-referrer");
    return httplib::Server::HandlerResponse::Unhandled;
  }

  void page(httplib::Response& response) {
    std::string html(find_asset("index.html")->bytes);
    const std::string marker = "{{TOKEN}}";
    html.replace(html.find(marker), marker.size(), token_);
    response.set_header("Cache-Control", "no-store");
    response.set_header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "frame-src 'self'; connect-src 'self'");
    response.set_content(html, "text/html; charset=utf-8");
  }

  void units(const httplib::Request& request, httplib::Response& response) {
    const auto entry = workspace_.find(request.get_param_value("scenario"));
    if (!entry) return send_error(response, 404, "unknown scenario", "scenario");
    try {
      send_json(response, units_json(model::load_scenario(entry->file)));
    } catch (const std::exception& e) {
      send_error(response, 400, e.what(), "scenario");
    }
  }

  // The yearly cost of going from `scenario`'s officers to `alternative`'s (models/costs.hpp):
  // {known, yearly_cost_vnd, officers_added, officers_removed}; known is false when the
  // scenario has no salary table or the two do not share their positions.
  void cost(const httplib::Request& request, httplib::Response& response) {
    const auto base = workspace_.find(request.get_param_value("scenario"));
    const auto alternative = workspace_.find(request.get_param_value("alternative"));
    if (!base || !alternative) return send_error(response, 404, "unknown scenario", "scenario");
    try {
      const model::ModelSpec a = model::load_scenario(base->file);
      const model::ModelSpec b = model::load_scenario(alternative->file);
      bool same = a.positions.size() == b.positions.size();
      std::vector<int> before, after;
      int added = 0, removed = 0;
      for (std::size_t p = 0; same && p < a.positions.size(); ++p) {
        same = a.positions[p].id == b.positions[p].id && a.positions[p].unit == b.positions[p].unit;
        before.push_back(a.positions[p].officers);
        after.push_back(b.positions[p].officers);
        added += std::max(0, after.back() - before.back());
        removed += std::max(0, before.back() - after.back());
      }
      const double yearly = same && model::has_costs(a)
                                ? model::staffing_change_cost(a, before, after)
                                : std::nan("");
      send_json(response, std::string("{\"known\":") + (std::isfinite(yearly) ? "true" : "false") +
                              ",\"yearly_cost_vnd\":" + json_number(yearly) +
                              ",\"officers_added\":" + std::to_string(added) +
                              ",\"officers_removed\":" + std::to_string(removed) + "}");
    } catch (const std::exception& e) {
      send_error(response, 400, e.what(), "scenario");
    }
  }

  void submit(const httplib::Request& request, httplib::Response& response) {
    try {
      const std::string kind = checked(request, "kind", "run|compare|staff", "run, compare, staff");
      const auto entry = workspace_.find(request.get_param_value("scenario"));
      if (!entry) throw VariantError("scenario", "unknown scenario");
      JobRequest job{kind, {}, {entry->file}, entry->name};
      job.arguments.push_back(entry->file.string());
      if (kind == "compare") {
        const auto alternative = workspace_.find(request.get_param_value("alternative"));
        if (!alternative) throw VariantError("alternative", "unknown scenario to compare with");
        job.arguments.push_back(alternative->file.string());
        job.inputs.push_back(alternative->file);
        job.label = entry->name + " ↔ " + alternative->name;
      }
      const std::string horizon = checked(request, "horizon", "|[1-9][0-9]{0,3}d?",
                                          "empty (the scenario's) or 1-9999 days");
      if (!horizon.empty()) job.arguments.insert(job.arguments.end(), {"--horizon", horizon});
      const std::string reps =
          checked(request, "reps", "|[1-9][0-9]?", "empty (the command's default) or 1-99");
      if (!reps.empty()) job.arguments.insert(job.arguments.end(), {"--reps", reps});
      const std::string lang = checked(request, "lang", "en|vi", "en or vi", "en");
      job.arguments.insert(job.arguments.end(), {"--lang", lang});
      if (kind == "staff") {
        const std::string unit = checked(request, "unit", "[A-Za-z0-9_-]{1,64}", "a unit id");
        const std::string target =
            checked(request, "target", "0?\\.[0-9]{1,4}|1(\\.0+)?", "an on-time rate from 0 to 1");
        job.arguments.insert(job.arguments.end(),
                             {"--scope", "unit:" + unit, "--target", "on_time_rate>=" + target});
        job.label = entry->name + ": " + unit + " ≥ " + target;
      }
      const std::string id = jobs_.submit(job);
      send_json(response, status_json(*jobs_.status(id)), 202);
    } catch (const VariantError& e) {
      send_error(response, 400, e.what(), e.field);
    } catch (const QueueFull& e) {
      response.set_header("Retry-After", "10");
      send_error(response, 503, e.what());
    }
  }

  void save_variant(const httplib::Request& request, httplib::Response& response) {
    std::vector<std::string> changes;
    for (std::size_t i = 0; i < request.get_param_value_count("change"); ++i) {
      std::string change = request.get_param_value("change", i);
      if (!change.empty()) changes.push_back(std::move(change));
    }
    try {
      const ScenarioEntry entry = workspace_.save_variant(
          request.get_param_value("name"), request.get_param_value("base"),
          request.get_param_value("title"), changes, request.get_param_value("replace") == "1");
      send_json(response, scenario_json(entry), 201);
    } catch (const VariantError& e) {
      send_error(response, 400, e.what(), e.field);
    }
  }

  // Mean and range over replications of the daily backlog and overdue stock.
  void daily(const std::string& id, const std::string& unit, httplib::Response& response) {
    const auto file = job_file(jobs_, id, "results.h5");
    if (!file) return send_error(response, 404, "this job has no results.h5");
    analysis::UnitDailySeries series;
    try {
      const std::lock_guard lock(hdf5_mutex_);  // HDF5 is serial
      series = analysis::read_unit_daily_series(*file, unit);
    } catch (const std::exception& e) {
      return send_error(response, 404, e.what(), "unit");
    }
    std::ostringstream out;
    out << "{\"start_date\":" << json_string(series.start_date)
        << ",\"replications\":" << series.backlog.size();
    for (const auto& [name, values] :
         {std::pair<const char*, const std::vector<std::vector<double>>*>{"backlog",
                                                                          &series.backlog},
          {"overdue", &series.overdue}}) {
      const std::size_t days = values->empty() ? 0 : values->front().size();
      std::string mean, low, high;
      for (std::size_t d = 0; d < days; ++d) {
        double sum = 0, lo = 1e300, hi = -1e300;
        for (const auto& replication : *values) {
          sum += replication[d];
          lo = std::min(lo, replication[d]);
          hi = std::max(hi, replication[d]);
        }
        const char* comma = d ? "," : "";
        mean += comma + json_number(sum / static_cast<double>(values->size()));
        low += comma + json_number(lo);
        high += comma + json_number(hi);
      }
      out << ",\"" << name << "\":{\"mean\":[" << mean << "],\"low\":[" << low << "],\"high\":["
          << high << "]}";
    }
    out << "}";
    send_json(response, out.str());
  }

  void pdf(const std::string& id, httplib::Response& response) {
    const auto html = job_file(jobs_, id, "report.html");
    if (!html) return send_error(response, 404, "this job has no report");
    const fs::path pdf = html->parent_path() / "report.pdf";
    std::error_code ec;
    {
      const std::lock_guard lock(pdf_mutex_);  // one Chromium at a time
      if (!fs::is_regular_file(pdf, ec) && !print_pdf(options_.chromium, *html, pdf)) {
        return send_error(response, 503,
                          "cannot print the PDF: Chromium (" + options_.chromium.string() +
                              ") is missing or failed; open the HTML report and print it");
      }
    }
    response.set_header("Content-Disposition", "attachment; filename=\"report.pdf\"");
    response.set_content(read_bytes(pdf), "application/pdf");
  }

  const ServeOptions& options_;
  Workspace& workspace_;
  JobQueue& jobs_;
  std::string token_;
  std::mutex pdf_mutex_;
  std::mutex hdf5_mutex_;
};

}  // namespace

int serve(const ServeOptions& options) {
  std::unique_ptr<Workspace> workspace;
  try {
    workspace = std::make_unique<Workspace>(options.scenario_folders, options.workspace);
  } catch (const std::exception& e) {
    std::cerr << "twotier serve: error: " << e.what() << "\n";
    return 2;
  }
  // SIGINT/SIGTERM go to one thread that stops the server (blocked here, before any thread).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads = options.threads_per_job > 0
                          ? options.threads_per_job
                          : std::max(1, hardware / std::max(1, options.max_running));
  JobQueue jobs(options.executable, workspace->jobs_folder(), options.max_running,
                options.max_waiting, threads);
  httplib::Server server;
  // Each open progress stream holds a thread: room for several browsers at once.
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };
  Workbench workbench(options, *workspace, jobs);
  workbench.install(server);
  if (!server.bind_to_port(options.bind_address.c_str(), options.port)) {
    std::cerr << "twotier serve: error: cannot listen on " << options.bind_address << ":"
              << options.port << " (in use, or not an address of this machine)\n";
    return 2;
  }
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
  });
  if (!options.quiet) {
    std::cout << "twotier workbench: open http://" << options.bind_address << ":" << options.port
              << "/ in a browser (Ctrl-C stops it); workspace " << workspace->root().string()
              << std::endl;
  }
  server.listen_after_bind();
  if (stopper.joinable()) {
    ::kill(::getpid(), SIGTERM);  // wakes the stopper when the server ended on its own
    stopper.join();
  }
  return 0;
}

}  // namespace twotier::workbench
