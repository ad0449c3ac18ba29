using System.Text.Json;
using AnimationTools.Tests.Infrastructure;

namespace AnimationTools.Tests.Emulator;

/// <summary>GET /_emulator/routes: every registered endpoint, so docs/endpoints.md can be checked against it.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class RouteListTests(EmulatorFixture emulator)
{
    sealed record Route(string Service, string[] Methods, string Path, bool Control, bool Fallback)
    {
        public string Key => $"{(Methods.Length == 0 ? "ANY" : string.Join(",", Methods))} {Path}";
    }

    List<Route> Routes() => emulator.ControlGet("routes").EnumerateArray().Select(r => new Route(
        // The emulator-wide fallback belongs to no service: the property is left out.
        r.TryGetProperty("service", out var service) ? service.GetString() : null,
        r.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ToArray(),
        r.GetProperty("route").GetString(),
        r.GetProperty("control").GetBoolean(),
        r.GetProperty("fallback").GetBoolean())).ToList();

    [Fact]
    public void Every_service_lists_at_least_the_routes_it_has_today()
    {
        var routes = Routes();
        var floors = new Dictionary<string, int>
        {
            ["deepmotion"] = 25, ["avatarsdk"] = 42, ["hourone"] = 14, ["teleport"] = 14, ["teleport-signin"] = 1, ["danim"] = 12,
        };
        foreach (var service in emulator.ControlGet("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()))
        {
            Assert.True(floors.ContainsKey(service), $"a new service {service} needs its floor here and its rows in docs/endpoints.md");
            Assert.True(routes.Count(r => r.Service == service) >= floors[service], $"{service}: {routes.Count(r => r.Service == service)} routes");
        }

        Assert.Equal(routes.Count, routes.Select(r => r.Key).Distinct().Count());
    }

    [Fact]
    public void Routes_carry_their_methods_and_the_control_and_fallback_marks()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.Key == "GET,HEAD /deepmotion/storage/results/{rid}/{**file}");
        // Danim's commands take any method and answer 405 themselves.
        Assert.Contains(routes, r => r.Key == "ANY /danim/write/video/create");
        Assert.Contains(routes, r => r.Key == "GET /_emulator/routes" && r.Control && r.Service == "_emulator");
        Assert.All(routes.Where(r => r.Control), r => Assert.StartsWith("/_emulator/", r.Path));
        Assert.All(routes.Where(r => !r.Control), r => Assert.DoesNotContain("/_emulator/", r.Path));
        Assert.Equal(["/danim/{**path}", "/{*path:nonfile}"], routes.Where(r => r.Fallback).Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.Null(Assert.Single(routes, r => r.Path == "/{*path:nonfile}").Service);
    }
}
