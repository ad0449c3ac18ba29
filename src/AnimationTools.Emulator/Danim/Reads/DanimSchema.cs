using GraphQL;
using GraphQL.Types;

namespace AnimationTools.Emulator.Danim;

/// <summary>
/// The GraphQL schema of <c>/read</c> (§6 and its emulator choices): <c>videos</c> (a Relay connection with <c>first</c>,
/// <c>after</c>, <c>state</c>), <c>video(id)</c>, <c>template(id)</c> with <c>specs</c> as a JSON string, <c>templates</c>
/// and <c>workspaces</c>.
/// </summary>
internal sealed class DanimSchema : Schema
{
    public static readonly DanimSchema Instance = Build();

    private DanimSchema()
    {
        Query = new QueryType();
    }

    private static DanimSchema Build()
    {
        var schema = new DanimSchema();
        schema.Initialize();
        return schema;
    }

    private static ReadContext Read(IResolveFieldContext context) => (ReadContext)context.UserContext;

    private sealed class QueryType : ObjectGraphType
    {
        public QueryType()
        {
            Name = "Query";
            Field<NonNullGraphType<VideoConnectionType>>("videos")
                .Description("The app's videos, newest first.")
                .Argument<IntGraphType>("first", "Page size (default 10, at most 100).")
                .Argument<StringGraphType>("after", "The endCursor of the previous page.")
                .Argument<VideoStateType>("state", "Only videos in this state.")
                .Resolve(c =>
                {
                    var read = Read(c);
                    var wanted = c.GetArgument<VideoState?>("state");
                    var videos = read.State.Videos.OfApp(read.AppId).Where(v => wanted is null || v.StateAt(read.Now) == wanted).ToList();
                    return Page<VideoRecord>.Of(videos, v => v.Seq, descending: true, "video", c.GetArgument<int?>("first"), c.GetArgument<string?>("after"));
                });
            Field<VideoType>("video")
                .Argument<StringGraphType>("id")
                .Resolve(c =>
                {
                    var read = Read(c);
                    var id = c.GetArgument<string?>("id") ?? throw new ExecutionError("video(id:) needs an id.") { Code = ErrorTypes.MissingParameter };
                    return read.State.Videos.Find(read.AppId, id)
                           ?? throw new ExecutionError($"Video with ID \"{id}\" cannot be found.") { Code = ErrorTypes.VideoNotFound };
                });
            // id is a nullable String: the seed's own query declares $id: String = null.
            Field<TemplateType>("template")
                .Argument<StringGraphType>("id")
                .Resolve(c =>
                {
                    var id = c.GetArgument<string?>("id") ?? throw new ExecutionError("template(id:) needs an id.") { Code = ErrorTypes.MissingParameter };
                    return Read(c).State.Templates.Find(id)
                           ?? throw new ExecutionError($"Template with ID \"{id}\" cannot be found.") { Code = ErrorTypes.TemplateNotFound };
                });
            Field<NonNullGraphType<TemplateConnectionType>>("templates")
                .Argument<IntGraphType>("first")
                .Argument<StringGraphType>("after")
                .Resolve(c =>
                {
                    var templates = Read(c).State.Templates.All();
                    var indexed = templates.Select((t, i) => (Index: (long)i, Template: t)).ToList();
                    var page = Page<(long Index, TemplateRecord Template)>.Of(indexed, x => x.Index, descending: false, "template", c.GetArgument<int?>("first"), c.GetArgument<string?>("after"));
                    return new Page<TemplateRecord>(page.Edges.Select(e => (e.Cursor, e.Node.Template)).ToList(), page.HasNextPage, page.HasPreviousPage, page.TotalCount);
                });
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<WorkspaceType>>>>("workspaces")
                .Resolve(c => Read(c).State.Workspaces.VisibleTo(Read(c).AppId));
        }
    }

    private sealed class VideoStateType : EnumerationGraphType<VideoState>
    {
        public VideoStateType()
        {
            Name = "VideoState";
        }
    }

    private sealed class VideoType : ObjectGraphType<VideoRecord>
    {
        public VideoType()
        {
            Name = "Video";
            Field<NonNullGraphType<StringGraphType>>("id").Resolve(c => c.Source.Id);
            Field<NonNullGraphType<StringGraphType>>("shortId").Resolve(c => c.Source.ShortId);
            Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
            Field<NonNullGraphType<StringGraphType>>("description").Resolve(c => c.Source.Description);
            Field<NonNullGraphType<VideoStateType>>("state").Resolve(c => c.Source.StateAt(Read(c).Now));
            Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => StoredFile.Timestamp(c.Source.CreatedAt));
            Field<NonNullGraphType<StringGraphType>>("updatedAt").Resolve(c => StoredFile.Timestamp(c.Source.UpdatedAt(Read(c).Now)));
            Field<NonNullGraphType<StringGraphType>>("templateId").Resolve(c => c.Source.TemplateId);
            Field<NonNullGraphType<StringGraphType>>("workspaceId").Resolve(c => c.Source.WorkspaceId);
            Field<StringGraphType>("rawUrl").Description("Null until DONE.").Resolve(c => IfDone(c, c.Source.RawUrl));
            Field<StringGraphType>("playerUrl").Description("Null until DONE.").Resolve(c => IfDone(c, c.Source.PlayerUrl));
            Field<StringGraphType>("thumbnailUrl").Description("Null until DONE.").Resolve(c => IfDone(c, c.Source.ThumbnailUrl));
            Field<StringGraphType>("quicklookUrl").Description("Null until DONE.").Resolve(c => IfDone(c, c.Source.QuicklookUrl));
            Field<StringGraphType>("failureType").Description("Null unless FAILED.").Resolve(c => IfFailed(c)?.FailureType);
            Field<StringGraphType>("failureReason").Description("Null unless FAILED.").Resolve(c => IfFailed(c)?.FailureMessage);
        }

        private static string? IfDone(IResolveFieldContext<VideoRecord> c, string url) => c.Source.StateAt(Read(c).Now) == VideoState.DONE ? url : null;

        private static GenerationPlan? IfFailed(IResolveFieldContext<VideoRecord> c) => c.Source.StateAt(Read(c).Now) == VideoState.FAILED ? c.Source.Plan : null;
    }

    private sealed class TemplateType : ObjectGraphType<TemplateRecord>
    {
        public TemplateType()
        {
            Name = "Template";
            Field<NonNullGraphType<StringGraphType>>("id").Resolve(c => c.Source.Id);
            Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
            Field<NonNullGraphType<StringGraphType>>("specs").Description("The specs, stringified: parse it.").Resolve(c => c.Source.SpecsJson);
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("inputs").Resolve(c => c.Source.Inputs);
        }
    }

    private sealed class WorkspaceType : ObjectGraphType<WorkspaceRecord>
    {
        public WorkspaceType()
        {
            Name = "Workspace";
            Field<NonNullGraphType<StringGraphType>>("id").Resolve(c => c.Source.Id);
            Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
            Field<NonNullGraphType<StringGraphType>>("description").Resolve(c => c.Source.Description);
            Field<StringGraphType>("logoUrl").Resolve(c => c.Source.Logo?.Url(Read(c).BaseUrl));
            Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => StoredFile.Timestamp(c.Source.CreatedAt));
        }
    }

    private sealed class PageInfoType : ObjectGraphType<PageInfo>
    {
        public PageInfoType()
        {
            Name = "PageInfo";
            Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
            Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Resolve(c => c.Source.HasPreviousPage);
            Field<StringGraphType>("startCursor").Resolve(c => c.Source.StartCursor);
            Field<StringGraphType>("endCursor").Resolve(c => c.Source.EndCursor);
        }
    }

    private sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor)
    {
        public static PageInfo Of<T>(Page<T> page) =>
            new(page.HasNextPage, page.HasPreviousPage, page.Edges.Count > 0 ? page.Edges[0].Cursor : null, page.Edges.Count > 0 ? page.Edges[^1].Cursor : null);
    }

    private sealed class VideoEdgeType : ObjectGraphType<(string Cursor, VideoRecord Node)>
    {
        public VideoEdgeType()
        {
            Name = "VideoEdge";
            Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
            Field<NonNullGraphType<VideoType>>("node").Resolve(c => c.Source.Node);
        }
    }

    private sealed class VideoConnectionType : ObjectGraphType<Page<VideoRecord>>
    {
        public VideoConnectionType()
        {
            Name = "VideoConnection";
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<VideoEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<VideoType>>>>("nodes").Resolve(c => c.Source.Edges.Select(e => e.Node));
            Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => PageInfo.Of(c.Source));
            Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
        }
    }

    private sealed class TemplateEdgeType : ObjectGraphType<(string Cursor, TemplateRecord Node)>
    {
        public TemplateEdgeType()
        {
            Name = "TemplateEdge";
            Field<NonNullGraphType<StringGraphType>>("cursor").Resolve(c => c.Source.Cursor);
            Field<NonNullGraphType<TemplateType>>("node").Resolve(c => c.Source.Node);
        }
    }

    private sealed class TemplateConnectionType : ObjectGraphType<Page<TemplateRecord>>
    {
        public TemplateConnectionType()
        {
            Name = "TemplateConnection";
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<TemplateEdgeType>>>>("edges").Resolve(c => c.Source.Edges);
            Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(c => PageInfo.Of(c.Source));
            Field<NonNullGraphType<IntGraphType>>("totalCount").Resolve(c => c.Source.TotalCount);
        }
    }
}
