namespace AnimationTools.Emulator.Danim;

/// <summary><c>POST /write/workspace/create</c> (§7.8): <c>name</c>, <c>description</c>, and a <c>logo</c> image in any file form.</summary>
internal sealed class WorkspaceRoutes(DanimState state)
{
    public void Map(IEndpointRouteBuilder api) => api.MapCommand(state, "/write/workspace/create", CreateAsync);

    private async Task<IResult> CreateAsync(DanimCall call)
    {
        var name = call.RequiredString("name");
        var description = call.OptionalString("description") ?? string.Empty;
        StoredFile? logo = null;
        var part = call.Body.FilesAt("logo").FirstOrDefault();
        if (part is not null || call.Fields["logo"] is not null)
        {
            logo = await state.Resolver.ResolveAsync(call.Fields["logo"], part, call.AppId, "logo", call.Aborted);
            if (!logo.IsImage)
            {
                throw new DanimError(ErrorTypes.FileMimeTypeIsNotAccepted, $"A workspace logo must be an image; \"{logo.OriginalName}\" is {logo.MimeType}.");
            }

            if (logo.Origin is FileOrigin.Binary or FileOrigin.Url)
            {
                state.Files.Add(logo);
            }

            logo.InOlderData = true;
        }

        var workspace = state.Workspaces.Add(call.AppId, name, description, logo);
        return Envelope.Success(new { id = workspace.Id, name = workspace.Name });
    }
}
